#include "util/file_io.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>

namespace nodevirt::file {
namespace {

TEST(FileIoTest, WriteAtomicThenRead) {
    char tmpl[] = "/tmp/nodevirt-fileio-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    std::string dir = tmpl;
    std::string path = dir + "/sub/a.xml";
    ASSERT_TRUE(makeDirs(dir + "/sub"));
    ASSERT_TRUE(writeAtomic(path, "hello"));
    auto r = readAll(path);
    ASSERT_TRUE(r);
    EXPECT_EQ(*r, "hello");
    EXPECT_FALSE(exists(path + ".new"));
    ASSERT_TRUE(writeAtomic(path, "again"));
    EXPECT_EQ(*readAll(path), "again");
    EXPECT_FALSE(readAll(path, 3));
    ASSERT_TRUE(removeFile(path));
    ASSERT_TRUE(removeFile(path));
    EXPECT_FALSE(readAll(path));
    rmdir((dir + "/sub").c_str());
    rmdir(dir.c_str());
}

}  // namespace
}  // namespace nodevirt::file
