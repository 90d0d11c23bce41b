// The post-parse profile of the QEMU driver: the defaults libvirt's QEMU driver fills in when
// a domain is defined (x86_64, machine 'pc', cirrus video, disk buses from target names). Used
// by the driver's define path and by the argv golden tests, so both see the same definition.
#pragma once

#include "conf/domain/post_parse.h"

namespace nodevirt::qemu {

const conf::DomainPostParseProfile& qemuPostParseProfile();

}  // namespace nodevirt::qemu
