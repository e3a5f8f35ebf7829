#include "model/yaml/AccessChecks.h"

#include <algorithm>
#include <map>

namespace eventbench::model {

namespace {

bool allows(const std::optional<std::vector<std::string>> &list, const std::string &id) {
    return !list || std::find(list->begin(), list->end(), id) != list->end();
}

class AccessChecker {
  public:
    AccessChecker(const Scenario &s, Diagnostics &out) : m_s(s), m_out(out) {
        for (const Node &n : s.nodes)
            m_byId.emplace(n.id, &n);
    }

    void run() {
        for (const Node &n : m_s.nodes)
            if (const AclSpec *acl = busAcl(n))
                checkNames(n, *acl);
        for (const Edge &e : m_s.edges)
            checkEdge(e);
        for (const Node &n : m_s.nodes)
            if (n.kind == NodeKind::Consumer && !n.consumer.deadLetter.empty())
                checkPublish(n.id, n.consumer.deadLetter, n.whereOf("dead_letter"));
    }

  private:
    const Node *find(const std::string &id) const {
        auto it = m_byId.find(id);
        return it == m_byId.end() ? nullptr : it->second;
    }

    void error(SourcePos where, const std::string &nodeId, const std::string &message) {
        Diagnostic d;
        d.file = m_s.fileName;
        d.where = where;
        d.nodeId = nodeId;
        d.message = message;
        m_out.push_back(std::move(d));
    }

    void checkNames(const Node &bus, const AclSpec &acl) {
        for (const auto *list : {&acl.publish, &acl.consume})
            if (*list)
                for (const std::string &id : **list)
                    if (!find(id))
                        error(bus.whereOf("acl"), bus.id,
                              "acl of " + bus.id + " names unknown node '" + id + "'");
    }

    // Clients publish (producers, consumers' follow-ups) and consume; buses move messages
    // inside the broker, which the acl does not govern.
    void checkEdge(const Edge &e) {
        const Node *from = find(e.from);
        const Node *to = find(e.to);
        if (!from || !to)
            return;
        if (!isBus(from->kind))
            checkPublish(e.from, e.to, e.where);
        else if (to->kind == NodeKind::Consumer)
            if (const AclSpec *acl = busAcl(*from); acl && !allows(acl->consume, e.to))
                error(e.where, e.to,
                      e.to + " may not consume from " + e.from + " (acl of " + e.from + ")");
    }

    void checkPublish(const std::string &client, const std::string &busId, SourcePos where) {
        const Node *bus = find(busId);
        if (!bus)
            return;
        if (const AclSpec *acl = busAcl(*bus); acl && !allows(acl->publish, client))
            error(where, client,
                  client + " may not publish to " + busId + " (acl of " + busId + ")");
    }

    const Scenario &m_s;
    Diagnostics &m_out;
    std::map<std::string, const Node *> m_byId;
};

} // namespace

void checkAccess(const Scenario &s, Diagnostics &out) {
    AccessChecker(s, out).run();
}

} // namespace eventbench::model
