# Project-wide compile flags and small helpers used by every folder's CMakeLists.txt.

add_library(nodevirt_flags INTERFACE)
target_compile_options(nodevirt_flags INTERFACE -Wall -Wextra -Wpedantic -Wno-missing-field-initializers)
target_include_directories(nodevirt_flags INTERFACE ${PROJECT_SOURCE_DIR}/src ${PROJECT_SOURCE_DIR}/include)
if(NODEVIRT_WERROR)
    target_compile_options(nodevirt_flags INTERFACE -Werror)
endif()
if(NODEVIRT_SANITIZE)
    target_compile_options(nodevirt_flags INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer
                           -fno-sanitize-recover=undefined)
    target_link_options(nodevirt_flags INTERFACE -fsanitize=address,undefined)
endif()

# nodevirt_library(name SOURCES ... DEPS ...): one static library per source folder.
function(nodevirt_library name)
    cmake_parse_arguments(L "" "" "SOURCES;DEPS" ${ARGN})
    add_library(${name} STATIC ${L_SOURCES})
    target_link_libraries(${name} PUBLIC nodevirt_flags ${L_DEPS})
endfunction()

# nodevirt_test(name SOURCES ... DEPS ...): a GoogleTest binary registered with CTest.
function(nodevirt_test name)
    if(NOT NODEVIRT_TESTS)
        return()
    endif()
    cmake_parse_arguments(T "" "" "SOURCES;DEPS" ${ARGN})
    add_executable(${name} ${T_SOURCES})
    target_link_libraries(${name} PRIVATE nodevirt_flags ${T_DEPS} GTest::gmock GTest::gtest_main)
    add_test(NAME ${name} COMMAND ${name} WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
    set_tests_properties(${name} PROPERTIES LABELS unit TIMEOUT 300)
endfunction()
