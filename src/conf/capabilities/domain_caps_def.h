// The <domainCapabilities> document (virsh domcapabilities, used by virt-install and
// virt-manager to pick firmware, CPU mode and devices) as a value type. Most of it is a
// tree of "<name supported='yes|no'>" elements carrying <enum> value lists.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace nodevirt::conf {

struct DomCapsEnum {
    std::string name;
    std::vector<std::string> values;
};

// <name supported='yes'> <enum .../>... </name>, or <name supported='no'/>.
struct DomCapsElement {
    std::string name;
    bool supported = false;
    std::vector<DomCapsEnum> enums;
};

struct DomCapsLoader {
    bool supported = false;
    std::vector<std::string> values;  // firmware image paths
    std::vector<DomCapsEnum> enums;
};

struct DomCapsOs {
    bool supported = false;
    std::vector<DomCapsEnum> enums;
    std::optional<DomCapsLoader> loader;
};

struct DomCapsCpuFeature {
    std::string policy;
    std::string name;
};

struct DomCapsHostModel {
    bool supported = false;
    std::optional<std::string> model;
    std::optional<std::string> fallback;
    std::optional<std::string> vendor;
    std::optional<std::string> maxphysaddr_mode;
    std::optional<unsigned> maxphysaddr_bits;
    std::vector<DomCapsCpuFeature> features;
};

struct DomCapsCpuModel {
    std::string name;
    std::string usable = "unknown";  // yes, no, unknown
    std::optional<bool> deprecated;
    std::optional<std::string> vendor;
};

struct DomCapsCpu {
    DomCapsElement host_passthrough{"host-passthrough"};
    std::optional<DomCapsElement> maximum;  // only newer drivers report it
    DomCapsHostModel host_model;
    bool custom_supported = false;
    std::vector<DomCapsCpuModel> custom_models;
};

struct DomCapsSev {
    unsigned cbitpos = 0;
    unsigned reduced_phys_bits = 0;
    std::optional<unsigned> max_guests;
    std::optional<unsigned> max_es_guests;
};

struct DomCapsSgxSection {
    unsigned node = 0;
    uint64_t size_kib = 0;
};

struct DomCapsSgx {
    bool flc = false, sgx1 = false, sgx2 = false;
    uint64_t section_size_kib = 0;
    std::vector<DomCapsSgxSection> sections;
};

// One <features> child: the generic part, plus SEV/SGX details when supported.
struct DomCapsFeature {
    DomCapsElement element;
    std::optional<DomCapsSev> sev;
    std::optional<DomCapsSgx> sgx;
};

struct DomainCapabilities {
    std::string path;
    std::string domain;
    std::optional<std::string> machine;
    std::string arch;
    std::optional<unsigned> max_vcpus;
    std::optional<bool> iothreads;
    DomCapsOs os;
    DomCapsCpu cpu;
    std::optional<DomCapsElement> memory_backing;
    std::vector<DomCapsElement> devices;  // disk, graphics, video, hostdev, rng, ...
    std::vector<DomCapsFeature> features;
};

// Builder helpers: an element with one enum per (name, values) pair.
DomCapsElement makeDomCapsElement(std::string name, bool supported, std::vector<DomCapsEnum> enums = {});

}  // namespace nodevirt::conf
