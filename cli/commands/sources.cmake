# Every command source under commands/<group>/ (one file per command), plus the registration
# list in register_commands.cc. Globbed so that adding a command is adding its file.
file(GLOB_RECURSE NODEVIRT_CLI_COMMAND_SOURCES CONFIGURE_DEPENDS
     ${CMAKE_CURRENT_LIST_DIR}/*.cc)
list(FILTER NODEVIRT_CLI_COMMAND_SOURCES EXCLUDE REGEX "_test\\.cc$")
