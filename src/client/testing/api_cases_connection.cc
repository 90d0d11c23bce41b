// Connection-level rows of the API table (connect, node, listing, lookup, define, events).
#include "client/testing/api_case.h"

#define ROW(label, expr, drv, ro)                               \
    ApiCase {                                                   \
        label, [](Handles h) { return errorOf(expr); }, drv, ro \
    }

namespace nodevirt::client::testing {

namespace {
const std::optional<std::string> kReads;  // allowed on read-only connections
}  // namespace

std::vector<ApiCase> connectionCases() {
    return {
        ROW("type", h.conn.type(), "virConnectGetType", kReads),
        ROW("version", h.conn.version(), "virConnectGetVersion", kReads),
        ROW("libVersion", h.conn.libVersion(), "virConnectGetLibVersion", kReads),
        ROW("hostname", h.conn.hostname(), "virConnectGetHostname", kReads),
        ROW("uri", h.conn.uri(), "virConnectGetURI", kReads),
        ROW("sysinfo", h.conn.sysinfo(), "virConnectGetSysinfo", kReads),
        ROW("maxVcpus", h.conn.maxVcpus(), "virConnectGetMaxVcpus", kReads),
        ROW("capabilities", h.conn.capabilities(), "virConnectGetCapabilities", kReads),
        ROW("domainCapabilities", h.conn.domainCapabilities({}, {}, {}, {}),
            "virConnectGetDomainCapabilities", "virConnectGetDomainCapabilities"),
        ROW("nodeInfo", h.conn.nodeInfo(), "virNodeGetInfo", kReads),
        ROW("nodeFreeMemory", h.conn.nodeFreeMemory(), "virNodeGetFreeMemory", kReads),
        ROW("nodeCellsFreeMemory", h.conn.nodeCellsFreeMemory(0, 1), "virNodeGetCellsFreeMemory",
            kReads),
        ROW("nodeCpuStats", h.conn.nodeCpuStats(-1), "virNodeGetCPUStats", kReads),
        ROW("nodeMemoryStats", h.conn.nodeMemoryStats(-1), "virNodeGetMemoryStats", kReads),
        ROW("nodeCpuMap", h.conn.nodeCpuMap(), "virNodeGetCPUMap", kReads),
        ROW("nodeSecurityModel", h.conn.nodeSecurityModel(), "virNodeGetSecurityModel", kReads),
        ROW("compareCpu", h.conn.compareCpu("<cpu/>"), "virConnectCompareCPU", kReads),
        ROW("baselineCpu", h.conn.baselineCpu({"<cpu/>"}), "virConnectBaselineCPU", kReads),
        // domains
        ROW("listAllDomains", h.conn.listAllDomains(), "virConnectListAllDomains", kReads),
        ROW("numOfDomains", h.conn.numOfDomains(), "virConnectNumOfDomains", kReads),
        ROW("listDomainIds", h.conn.listDomainIds(8), "virConnectListDomains", kReads),
        ROW("numOfDefinedDomains", h.conn.numOfDefinedDomains(), "virConnectNumOfDefinedDomains",
            kReads),
        ROW("listDefinedDomains", h.conn.listDefinedDomains(8), "virConnectListDefinedDomains",
            kReads),
        ROW("lookupDomainById", h.conn.lookupDomainById(1), "virDomainLookupByID", kReads),
        ROW("lookupDomainByName", h.conn.lookupDomainByName("test"), "virDomainLookupByName",
            kReads),
        ROW("lookupDomainByUuid", h.conn.lookupDomainByUuid(h.dom.uuid()), "virDomainLookupByUUID",
            kReads),
        ROW("lookupDomainByUuidString", h.conn.lookupDomainByUuidString(h.dom.uuidString()),
            "virDomainLookupByUUID", kReads),
        ROW("defineDomainXml", h.conn.defineDomainXml("<domain/>"), "virDomainDefineXML",
            "virDomainDefineXML"),
        ROW("defineDomainXml flags", h.conn.defineDomainXml("<domain/>", 1), "virDomainDefineXML",
            "virDomainDefineXMLFlags"),
        ROW("createDomainXml", h.conn.createDomainXml("<domain/>"), "virDomainCreateXML",
            "virDomainCreateXML"),
        ROW("restoreDomain", h.conn.restoreDomain("/x"), "virDomainRestore", "virDomainRestore"),
        ROW("restoreDomain flags", h.conn.restoreDomain("/x", std::nullopt, 2), "virDomainRestore",
            "virDomainRestoreFlags"),
        ROW("saveImageXmlDesc", h.conn.saveImageXmlDesc("/x"), "virDomainSaveImageGetXMLDesc",
            "virDomainSaveImageGetXMLDesc"),
        ROW("saveImageDefineXml", h.conn.saveImageDefineXml("/x", "<domain/>"),
            "virDomainSaveImageDefineXML", "virDomainSaveImageDefineXML"),
        ROW("getAllDomainStats", h.conn.getAllDomainStats(0), "virConnectGetAllDomainStats",
            kReads),
        ROW("domainListGetStats", h.conn.domainListGetStats({h.dom}, 0),
            "virConnectGetAllDomainStats", kReads),
        // events
        ROW("registerDomainEvent",
            h.conn.registerDomainEvent(0, std::nullopt, [](const DomainEvent&) {}),
            "virConnectDomainEventRegisterAny", kReads),
        ROW("registerNetworkEvent",
            h.conn.registerNetworkEvent(0, std::nullopt, [](const NetworkEvent&) {}),
            "virConnectNetworkEventRegisterAny", kReads),
        ROW("registerStoragePoolEvent",
            h.conn.registerStoragePoolEvent(0, std::nullopt, [](const StoragePoolEvent&) {}),
            "virConnectStoragePoolEventRegisterAny", kReads),
        ROW("registerNodeDeviceEvent",
            h.conn.registerNodeDeviceEvent(0, std::nullopt, [](const NodeDeviceEvent&) {}),
            "virConnectNodeDeviceEventRegisterAny", kReads),
        ROW("registerSecretEvent",
            h.conn.registerSecretEvent(0, std::nullopt, [](const SecretEvent&) {}),
            "virConnectSecretEventRegisterAny", kReads),
    };
}

}  // namespace nodevirt::client::testing
