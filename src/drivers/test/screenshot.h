// The image the test driver's virDomainScreenshot streams: a small grey-gradient PNG built in
// memory (stored deflate blocks, so no compression library is needed).
#pragma once

#include <memory>
#include <string>

namespace nodevirt::drivers::test {

// The PNG bytes (built once, shared).
std::shared_ptr<const std::string> testScreenshotPng();

}  // namespace nodevirt::drivers::test
