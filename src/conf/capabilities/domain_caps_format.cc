// Prints <domainCapabilities> as libvirt does: unsupported items collapse to
// "<name supported='no'/>", empty enums self-close.
#include "conf/capabilities/domain_caps_xml.h"
#include "xml/xml_writer.h"

namespace nodevirt::conf {
namespace {

void formatEnums(xml::Writer& w, const std::vector<DomCapsEnum>& enums) {
    for (const DomCapsEnum& e : enums) {
        w.open("enum").attr("name", e.name);
        for (const std::string& v : e.values) w.textElement("value", v);
        w.close();
    }
}

void formatElement(xml::Writer& w, const DomCapsElement& e) {
    w.open(e.name).attr("supported", e.supported ? "yes" : "no");
    if (e.supported) formatEnums(w, e.enums);
    w.close();
}

void formatOs(xml::Writer& w, const DomCapsOs& os) {
    w.open("os").attr("supported", os.supported ? "yes" : "no");
    if (os.supported) {
        formatEnums(w, os.enums);
        if (os.loader) {
            w.open("loader").attr("supported", os.loader->supported ? "yes" : "no");
            if (os.loader->supported) {
                for (const std::string& v : os.loader->values) w.textElement("value", v);
                formatEnums(w, os.loader->enums);
            }
            w.close();
        }
    }
    w.close();
}

void formatMode(xml::Writer& w, const DomCapsElement& e) {
    w.open("mode").attr("name", e.name).attr("supported", e.supported ? "yes" : "no");
    if (e.supported) formatEnums(w, e.enums);
    w.close();
}

void formatCpu(xml::Writer& w, const DomCapsCpu& cpu) {
    w.open("cpu");
    formatMode(w, cpu.host_passthrough);
    if (cpu.maximum) formatMode(w, *cpu.maximum);
    const DomCapsHostModel& hm = cpu.host_model;
    w.open("mode").attr("name", "host-model").attr("supported", hm.supported ? "yes" : "no");
    if (hm.supported) {
        if (hm.model) {
            w.open("model");
            w.attrIf("fallback", hm.fallback);
            w.text(*hm.model).close();
        }
        if (hm.vendor) w.textElement("vendor", *hm.vendor);
        if (hm.maxphysaddr_mode) {
            w.open("maxphysaddr").attr("mode", *hm.maxphysaddr_mode);
            w.attrIf("bits", hm.maxphysaddr_bits);
            w.close();
        }
        for (const DomCapsCpuFeature& f : hm.features) w.open("feature").attr("policy", f.policy).attr("name", f.name).close();
    }
    w.close();
    w.open("mode").attr("name", "custom").attr("supported", cpu.custom_supported ? "yes" : "no");
    if (cpu.custom_supported) {
        for (const DomCapsCpuModel& m : cpu.custom_models) {
            w.open("model").attr("usable", m.usable);
            if (m.deprecated) w.attr("deprecated", *m.deprecated ? "yes" : "no");
            w.attrIf("vendor", m.vendor);
            w.text(m.name).close();
        }
    }
    w.close();
    w.close();
}

void formatFeature(xml::Writer& w, const DomCapsFeature& f) {
    const DomCapsElement& e = f.element;
    if (!e.supported || (!f.sev && !f.sgx)) {
        formatElement(w, e);
        return;
    }
    w.open(e.name).attr("supported", "yes");
    if (f.sev) {
        w.textElement("cbitpos", std::to_string(f.sev->cbitpos));
        w.textElement("reducedPhysBits", std::to_string(f.sev->reduced_phys_bits));
        if (f.sev->max_guests) w.textElement("maxGuests", std::to_string(*f.sev->max_guests));
        if (f.sev->max_es_guests) w.textElement("maxESGuests", std::to_string(*f.sev->max_es_guests));
    }
    if (f.sgx) {
        w.textElement("flc", f.sgx->flc ? "yes" : "no");
        w.textElement("sgx1", f.sgx->sgx1 ? "yes" : "no");
        w.textElement("sgx2", f.sgx->sgx2 ? "yes" : "no");
        w.open("section_size").attr("unit", "KiB").text(std::to_string(f.sgx->section_size_kib)).close();
        if (!f.sgx->sections.empty()) {
            w.open("sections");
            for (const DomCapsSgxSection& s : f.sgx->sections) {
                w.open("section").attr("node", s.node).attr("size", s.size_kib).attr("unit", "KiB").close();
            }
            w.close();
        }
    }
    formatEnums(w, e.enums);
    w.close();
}

}  // namespace

DomCapsElement makeDomCapsElement(std::string name, bool supported, std::vector<DomCapsEnum> enums) {
    return DomCapsElement{std::move(name), supported, std::move(enums)};
}

std::string formatDomainCapabilitiesXml(const DomainCapabilities& caps, unsigned flags) {
    (void)flags;
    xml::Writer w;
    w.open("domainCapabilities");
    w.textElement("path", caps.path);
    w.textElement("domain", caps.domain);
    if (caps.machine) w.textElement("machine", *caps.machine);
    w.textElement("arch", caps.arch);
    if (caps.max_vcpus) w.open("vcpu").attr("max", *caps.max_vcpus).close();
    if (caps.iothreads) w.open("iothreads").attr("supported", *caps.iothreads ? "yes" : "no").close();
    formatOs(w, caps.os);
    formatCpu(w, caps.cpu);
    if (caps.memory_backing) formatElement(w, *caps.memory_backing);
    w.open("devices");
    for (const DomCapsElement& d : caps.devices) formatElement(w, d);
    w.close();
    w.open("features");
    for (const DomCapsFeature& f : caps.features) formatFeature(w, f);
    w.close();
    w.close();
    return w.take();
}

}  // namespace nodevirt::conf
