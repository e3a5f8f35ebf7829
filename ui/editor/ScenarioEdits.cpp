#include "ui/editor/ScenarioEdits.h"

#include <QCoreApplication>
#include <algorithm>

#include "model/scenario/ExpectationParser.h"
#include "model/yaml/ScenarioWriter.h"

namespace eventbench::ui {

namespace {

QString tr(const char *text) {
    return QCoreApplication::translate("ScenarioEdits", text);
}

bool isIdStart(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

bool isIdChar(char c) {
    return isIdStart(c) || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
}

// The expectation with its node renamed: the text is rewritten where it names the node
// (`max(old.lag) < 5` or `old.lag < 5`) and parsed again, so that it stays normalised.
model::Expectation renamedExpectation(const model::Expectation &x, const std::string &from,
                                      const std::string &to) {
    std::string text = x.text;
    std::size_t at = 0;
    if (x.stat != model::Expectation::Stat::None) {
        at = text.find('(');
        at = at == std::string::npos ? 0 : text.find_first_not_of(' ', at + 1);
    }
    if (at != std::string::npos && text.compare(at, from.size() + 1, from + ".") == 0)
        text.replace(at, from.size(), to);
    std::string error;
    int offset = 0;
    std::optional<model::Expectation> parsed = model::parseExpectation(text, &error, &offset);
    model::Expectation out = parsed && parsed->node == to ? *parsed : x;
    out.node = to;
    out.where = x.where;
    return out;
}

} // namespace

bool ScenarioEdits::isValidNodeId(const std::string &id) {
    return !id.empty() && isIdStart(id.front()) && std::all_of(id.begin(), id.end(), isIdChar);
}

QString ScenarioEdits::renameNode(model::Scenario &s, const std::string &from,
                                  const std::string &to) {
    if (!s.findNode(from))
        return tr("there is no node '%1'").arg(QString::fromStdString(from));
    if (to == from)
        return {};
    if (!isValidNodeId(to))
        return tr("'%1' is not a valid id: it must start with a letter and hold only letters, "
                  "digits, '_', '.' and '-'")
            .arg(QString::fromStdString(to));
    if (s.findNode(to) || to == "ledger")
        return tr("the id '%1' is already taken").arg(QString::fromStdString(to));
    auto follow = [&](std::string &ref) {
        if (ref == from)
            ref = to;
    };
    for (model::Node &n : s.nodes) {
        follow(n.id);
        follow(n.consumer.deadLetter);
        follow(n.queue.deadLetter);
        follow(n.exchange.unroutable);
    }
    for (model::Edge &e : s.edges) {
        follow(e.from);
        follow(e.to);
    }
    for (model::Fault &f : s.faults) {
        follow(f.target);
        follow(f.edgeTo);
    }
    for (model::Expectation &x : s.expectations)
        if (x.node == from)
            x = renamedExpectation(x, from, to);
    return {};
}

int ScenarioEdits::deleteItems(model::Scenario &s, const std::set<std::string> &gone,
                               int edgeIndex) {
    std::vector<model::Edge> edges;
    for (int i = 0; i < int(s.edges.size()); ++i)
        if (i != edgeIndex && !gone.count(s.edges[i].from) && !gone.count(s.edges[i].to))
            edges.push_back(s.edges[i]);
    s.edges = std::move(edges);
    std::erase_if(s.nodes, [&](const model::Node &n) { return gone.count(n.id) > 0; });
    // References to a deleted node would only turn into errors; they go with it.
    const auto before = s.faults.size() + s.expectations.size();
    auto edgeGone = [&](const model::Fault &f) {
        return f.kind == model::Fault::Kind::Latency &&
               std::none_of(s.edges.begin(), s.edges.end(), [&](const model::Edge &e) {
                   return e.from == f.target && e.to == f.edgeTo;
               });
    };
    std::erase_if(s.faults, [&](const model::Fault &f) {
        return gone.count(f.target) > 0 || gone.count(f.edgeTo) > 0 || edgeGone(f);
    });
    std::erase_if(s.expectations,
                  [&](const model::Expectation &x) { return gone.count(x.node) > 0; });
    for (model::Node &n : s.nodes) {
        if (gone.count(n.consumer.deadLetter))
            n.consumer.deadLetter.clear();
        if (gone.count(n.queue.deadLetter))
            n.queue.deadLetter.clear();
        if (gone.count(n.exchange.unroutable))
            n.exchange.unroutable.clear();
    }
    return int(before - s.faults.size() - s.expectations.size());
}

QStringList ScenarioEdits::cascade(const model::Scenario &s, const std::set<std::string> &gone) {
    QStringList out;
    for (const model::Expectation &x : s.expectations)
        if (gone.count(x.node))
            out << tr("expectation %1").arg(QString::fromStdString(x.text));
    for (const model::Fault &f : s.faults)
        if (gone.count(f.target) || gone.count(f.edgeTo))
            out << tr("fault %1").arg(QString::fromStdString(model::faultYaml(f)));
    auto reference = [&](const model::Node &n, const std::string &target, const char *key) {
        if (!gone.count(n.id) && gone.count(target))
            out << tr("%1 of %2 (%3)")
                       .arg(QLatin1String(key), QString::fromStdString(n.id),
                            QString::fromStdString(target));
    };
    for (const model::Node &n : s.nodes) {
        reference(n, n.consumer.deadLetter, "dead_letter");
        reference(n, n.queue.deadLetter, "dead_letter");
        reference(n, n.exchange.unroutable, "unroutable");
    }
    return out;
}

} // namespace eventbench::ui
