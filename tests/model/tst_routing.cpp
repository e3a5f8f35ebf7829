// Exchange routing: SNS filter policies (filterPolicyMatches) and RabbitMQ binding keys
// (bindingPatternMatches), the one copy in model/routing that the simulator and the capacity
// model share. Cases follow the AWS SNS filter-policy docs and RabbitMQ's topic-exchange
// rules ("*" one word, "#" zero or more); the exact-fraction tests count matches over a
// deterministic mix whose expected size is worked out by hand in the comments.
#include "model/routing/MessageMatching.h"

#include <QTest>

#include <functional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

using eventbench::model::FilterCondition;
using eventbench::model::FilterPolicy;
using AttributeList = eventbench::model::AttributeValues;
using eventbench::model::bindingPatternMatches;
using eventbench::model::filterPolicyMatches;

Q_DECLARE_METATYPE(FilterPolicy)
Q_DECLARE_METATYPE(AttributeList)

namespace {

FilterCondition exact(std::string v) {
    FilterCondition c;
    c.kind = FilterCondition::Kind::Exact;
    c.text = std::move(v);
    return c;
}
FilterCondition prefix(std::string v) {
    FilterCondition c;
    c.kind = FilterCondition::Kind::Prefix;
    c.text = std::move(v);
    return c;
}
FilterCondition anythingBut(std::vector<std::string> values) {
    FilterCondition c;
    c.kind = FilterCondition::Kind::AnythingBut;
    c.anythingBut = std::move(values);
    return c;
}
FilterCondition numeric(std::vector<std::pair<std::string, double>> ops) {
    FilterCondition c;
    c.kind = FilterCondition::Kind::Numeric;
    c.numeric = std::move(ops);
    return c;
}
FilterCondition exists(bool present) {
    FilterCondition c;
    c.kind = FilterCondition::Kind::Exists;
    c.exists = present;
    return c;
}
FilterPolicy policy(std::vector<std::pair<std::string, std::vector<FilterCondition>>> attrs) {
    FilterPolicy p;
    p.attributes = std::move(attrs);
    return p;
}

using Words = std::vector<std::string>;

Words splitWords(const std::string &s) {
    Words out;
    if (s.empty())
        return out;
    std::size_t start = 0;
    while (true) {
        const std::size_t dot = s.find('.', start);
        out.push_back(s.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
        if (dot == std::string::npos)
            return out;
        start = dot + 1;
    }
}

// Reference matcher straight from the definition (exponential, fine for tiny inputs).
bool referenceMatch(const Words &p, std::size_t i, const Words &k, std::size_t j) {
    if (i == p.size())
        return j == k.size();
    if (p[i] == "#")
        return referenceMatch(p, i + 1, k, j) || (j < k.size() && referenceMatch(p, i, k, j + 1));
    if (j == k.size())
        return false;
    return (p[i] == "*" || p[i] == k[j]) && referenceMatch(p, i + 1, k, j + 1);
}

std::string join(const Words &w) {
    std::string s;
    for (std::size_t i = 0; i < w.size(); ++i)
        s += (i ? "." : "") + w[i];
    return s;
}

} // namespace

class TestRouting : public QObject {
    Q_OBJECT
  private slots:
    void filter_data() {
        QTest::addColumn<FilterPolicy>("policy");
        QTest::addColumn<AttributeList>("attributes");
        QTest::addColumn<bool>("expected");
        const AttributeList none;
        auto attr = [](std::string name, std::string value) {
            return AttributeList{{std::move(name), std::move(value)}};
        };
        const auto region = [](std::vector<FilterCondition> c) {
            return policy({{"region", std::move(c)}});
        };
        const auto price = [](std::vector<FilterCondition> c) {
            return policy({{"price", std::move(c)}});
        };

        QTest::newRow("empty policy, no attributes") << FilterPolicy{} << none << true;
        QTest::newRow("empty policy, attributes") << FilterPolicy{} << attr("a", "b") << true;

        QTest::newRow("exact equal") << region({exact("eu")}) << attr("region", "eu") << true;
        QTest::newRow("exact different") << region({exact("eu")}) << attr("region", "us") << false;
        QTest::newRow("exact is case-sensitive")
            << region({exact("eu")}) << attr("region", "EU") << false;
        QTest::newRow("exact not a prefix")
            << region({exact("eu")}) << attr("region", "eu-west") << false;
        QTest::newRow("exact numeric 100 = 100.0")
            << price({exact("100")}) << attr("price", "100.0") << true;
        QTest::newRow("exact numeric 1e2 = 100")
            << price({exact("1e2")}) << attr("price", "100") << true;
        QTest::newRow("exact numeric-looking text")
            << price({exact("100")}) << attr("price", "100abc") << false;
        QTest::newRow("exact missing attribute") << region({exact("eu")}) << none << false;
        QTest::newRow("exact other attribute only")
            << region({exact("eu")}) << attr("zone", "eu") << false;
        QTest::newRow("exact empty string") << region({exact("")}) << attr("region", "") << true;
        QTest::newRow("OR: second value")
            << region({exact("eu"), exact("us")}) << attr("region", "us") << true;
        QTest::newRow("OR: no value")
            << region({exact("eu"), exact("us")}) << attr("region", "ap") << false;

        QTest::newRow("prefix match")
            << region({prefix("eu")}) << attr("region", "eu-west-1") << true;
        QTest::newRow("prefix equal") << region({prefix("eu")}) << attr("region", "eu") << true;
        QTest::newRow("prefix in the middle")
            << region({prefix("eu")}) << attr("region", "us-eu") << false;
        QTest::newRow("prefix longer than value")
            << region({prefix("eu-west")}) << attr("region", "eu") << false;
        QTest::newRow("prefix missing") << region({prefix("eu")}) << none << false;

        const auto size = [](std::vector<FilterCondition> c) {
            return policy({{"size", std::move(c)}});
        };
        QTest::newRow("anything-but other")
            << size({anythingBut({"small", "medium"})}) << attr("size", "large") << true;
        QTest::newRow("anything-but listed")
            << size({anythingBut({"small", "medium"})}) << attr("size", "medium") << false;
        QTest::newRow("anything-but missing") << size({anythingBut({"small"})}) << none << false;
        QTest::newRow("anything-but numeric equal")
            << price({anythingBut({"100"})}) << attr("price", "100.00") << false;
        QTest::newRow("anything-but numeric other")
            << price({anythingBut({"100"})}) << attr("price", "101") << true;
        QTest::newRow("anything-but empty list")
            << size({anythingBut({})}) << attr("size", "x") << true;

        const auto range = numeric({{">", 0}, {"<=", 150}});
        QTest::newRow("numeric inside") << price({range}) << attr("price", "75") << true;
        QTest::newRow("numeric upper bound") << price({range}) << attr("price", "150") << true;
        QTest::newRow("numeric above") << price({range}) << attr("price", "150.5") << false;
        QTest::newRow("numeric lower bound excluded")
            << price({range}) << attr("price", "0") << false;
        QTest::newRow("numeric negative") << price({range}) << attr("price", "-1") << false;
        QTest::newRow("numeric decimal") << price({range}) << attr("price", "0.001") << true;
        QTest::newRow("numeric exponent") << price({range}) << attr("price", "1.5e2") << true;
        QTest::newRow("numeric non-number") << price({range}) << attr("price", "cheap") << false;
        QTest::newRow("numeric empty value") << price({range}) << attr("price", "") << false;
        QTest::newRow("numeric missing") << price({range}) << none << false;
        QTest::newRow("numeric =")
            << price({numeric({{"=", 42}})}) << attr("price", "42.0") << true;
        QTest::newRow("numeric = other")
            << price({numeric({{"=", 42}})}) << attr("price", "43") << false;
        QTest::newRow("numeric >= equal")
            << price({numeric({{">=", 10}})}) << attr("price", "10") << true;
        QTest::newRow("numeric < equal")
            << price({numeric({{"<", 10}})}) << attr("price", "10") << false;
        QTest::newRow("numeric OR of ranges")
            << price({numeric({{"<", 10}}), numeric({{">", 100}})}) << attr("price", "500") << true;

        const auto store = [](std::vector<FilterCondition> c) {
            return policy({{"store", std::move(c)}});
        };
        QTest::newRow("exists true present") << store({exists(true)}) << attr("store", "x") << true;
        QTest::newRow("exists true empty value")
            << store({exists(true)}) << attr("store", "") << true;
        QTest::newRow("exists true missing") << store({exists(true)}) << none << false;
        QTest::newRow("exists false missing")
            << store({exists(false)}) << attr("other", "x") << true;
        QTest::newRow("exists false present")
            << store({exists(false)}) << attr("store", "x") << false;
        QTest::newRow("exists false OR exact: missing")
            << store({exists(false), exact("gold")}) << none << true;
        QTest::newRow("exists false OR exact: gold")
            << store({exists(false), exact("gold")}) << attr("store", "gold") << true;
        QTest::newRow("exists false OR exact: silver")
            << store({exists(false), exact("gold")}) << attr("store", "silver") << false;
        QTest::newRow("no conditions for a name") << store({}) << attr("store", "x") << false;

        const auto both = policy({{"region", {exact("eu")}}, {"price", {numeric({{"<", 100}})}}});
        QTest::newRow("AND both hold")
            << both << AttributeList{{"price", "99"}, {"region", "eu"}} << true;
        QTest::newRow("AND one fails")
            << both << AttributeList{{"region", "eu"}, {"price", "100"}} << false;
        QTest::newRow("AND one missing") << both << attr("region", "eu") << false;
        // A repeated name is a String.Array: a condition holds when it holds for any element.
        QTest::newRow("repeated name: any element")
            << region({exact("eu")}) << AttributeList{{"region", "us"}, {"region", "eu"}} << true;
        QTest::newRow("repeated name: no element")
            << region({exact("eu")}) << AttributeList{{"region", "us"}, {"region", "ap"}} << false;
        FilterCondition notOrder;
        notOrder.kind = FilterCondition::Kind::AnythingButPrefix;
        notOrder.text = "order-";
        QTest::newRow("anything-but prefix: other")
            << policy({{"event", {notOrder}}}) << attr("event", "data-entry") << true;
        QTest::newRow("anything-but prefix: prefixed")
            << policy({{"event", {notOrder}}}) << attr("event", "order-cancelled") << false;
        QTest::newRow("anything-but prefix: missing")
            << policy({{"event", {notOrder}}}) << none << false;
        QTest::newRow("anything-but prefix: array with one other")
            << policy({{"event", {notOrder}}})
            << AttributeList{{"event", "order-1"}, {"event", "refund"}} << true;
        QTest::newRow("exists true on array")
            << region({exists(true)}) << AttributeList{{"region", "a"}, {"region", "b"}} << true;
        QTest::newRow("exists false on array")
            << region({exists(false)}) << AttributeList{{"region", "a"}, {"region", "b"}} << false;
    }

    void filter() {
        QFETCH(FilterPolicy, policy);
        QFETCH(AttributeList, attributes);
        QFETCH(bool, expected);
        QCOMPARE(filterPolicyMatches(policy, attributes), expected);
    }

    // 1000 messages i = a + 4*b + 20*c (a < 4, b < 5, c < 50: every i in 0..999 exactly once)
    // with region = {eu, us, eu-west, ap}[a], tier = {gold, silver, bronze, <absent>,
    // gold-plus}[b] and price = 10*c, so a policy's match count is the product of what each
    // attribute admits.
    void exactFraction_data() {
        QTest::addColumn<FilterPolicy>("policy");
        QTest::addColumn<int>("expected");
        // region prefix eu: a in {0,2} (2); tier anything-but bronze, present: gold, silver,
        // gold-plus (3); price in (0,150]: c in 1..15 (15). 2*3*15 = 90.
        QTest::newRow("prefix x anything-but x numeric")
            << policy({{"region", {prefix("eu")}},
                       {"tier", {anythingBut({"bronze"})}},
                       {"price", {numeric({{">", 0}, {"<=", 150}})}}})
            << 90;
        // region us or ap (2); tier absent or silver (2); price < 100 (c 0..9) or >= 400
        // (c 40..49) (20). 2*2*20 = 80.
        QTest::newRow("OR lists") << policy({{"region", {exact("us"), exact("ap")}},
                                             {"tier", {exists(false), exact("silver")}},
                                             {"price",
                                              {numeric({{"<", 100}}), numeric({{">=", 400}})}}})
                                  << 80;
        // tier present (4 of 5) and price exactly 250 (c = 25) (1): 4 regions * 4 * 1 = 16.
        QTest::newRow("exists x numeric =")
            << policy({{"tier", {exists(true)}}, {"price", {exact("250.0")}}}) << 16;
        // Empty policy: all 1000.
        QTest::newRow("empty") << FilterPolicy{} << 1000;
    }

    void exactFraction() {
        QFETCH(FilterPolicy, policy);
        QFETCH(int, expected);
        const char *regions[] = {"eu", "us", "eu-west", "ap"};
        const char *tiers[] = {"gold", "silver", "bronze", nullptr, "gold-plus"};
        int matched = 0;
        AttributeList attributes;
        for (int i = 0; i < 1000; ++i) {
            const int a = i % 4, b = (i / 4) % 5, c = i / 20;
            attributes.clear();
            attributes.emplace_back("region", regions[a]);
            if (tiers[b])
                attributes.emplace_back("tier", tiers[b]);
            attributes.emplace_back("price", std::to_string(10 * c));
            matched += filterPolicyMatches(policy, attributes) ? 1 : 0;
        }
        QCOMPARE(matched, expected);
    }

    void binding_data() {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("key");
        QTest::addColumn<bool>("expected");
        struct Case {
            const char *pattern, *key;
            bool expected;
        };
        // clang-format off
        const Case cases[] = {
            {"a.b.c", "a.b.c", true}, {"a.b.c", "a.b", false}, {"a.b", "a.b.c", false},
            {"order.created", "order.created", true}, {"order.created", "order.deleted", false},
            {"", "", true}, {"", "a", false}, {"a", "", false},
            {"#", "", true}, {"#", "a", true}, {"#", "a.b.c", true},
            {"*", "", false}, {"*", "a", true}, {"*", "a.b", false},
            {"*.*", "a", false}, {"*.*", "a.b", true}, {"*.*", "a.b.c", false},
            {"#.#", "", true}, {"#.#", "a", true}, {"#.#", "a.b", true},
            {"a.#.b", "a.b", true}, {"a.#.b", "a.x.y.b", true}, {"a.#.b", "a.b.c", false},
            {"a.#.b", "a.x.b.b", true}, {"a.#.b", "b.a.b", false}, {"a.#.b", "a", false},
            {"a.#", "a", true}, {"a.#", "a.b.c", true}, {"a.#", "b", false},
            {"#.a", "a", true}, {"#.a", "b.a", true}, {"#.a", "a.b", false},
            {"#.*", "", false}, {"#.*", "a", true}, {"#.*", "a.b.c", true},
            {"*.#", "", false}, {"*.#.*", "a", false}, {"*.#.*", "a.b", true},
            {"#.b.#.d", "a.b.c.d", true}, {"#.b.#.d", "b.d", true}, {"#.b.#.d", "a.b.c", false},
            // RabbitMQ tutorial 5 bindings: *.orange.*, *.*.rabbit, lazy.#
            {"*.orange.*", "quick.orange.rabbit", true},
            {"*.*.rabbit", "quick.orange.rabbit", true},
            {"*.orange.*", "quick.orange.fox", true}, {"*.*.rabbit", "quick.orange.fox", false},
            {"lazy.#", "lazy.brown.fox", true}, {"*.orange.*", "lazy.brown.fox", false},
            {"*.*.rabbit", "lazy.pink.rabbit", true}, {"lazy.#", "lazy.pink.rabbit", true},
            {"*.orange.*", "quick.brown.fox", false}, {"lazy.#", "quick.brown.fox", false},
            {"*.orange.*", "orange", false}, {"*.orange.*", "quick.orange.new.rabbit", false},
            {"*.*.rabbit", "quick.orange.new.rabbit", false},
            {"lazy.#", "lazy.orange.new.rabbit", true},
            // wildcards only as whole words
            {"a*.b", "a*.b", true}, {"a*.b", "ax.b", false}, {"a#", "a#", true},
            {"a#", "a", false}, {"#a", "a", false},
            // empty words are words
            {"a..b", "a..b", true}, {"a.*.b", "a..b", true}, {"*", ".", false},
            {"*.*", ".", true}, {"#", ".", true}, {"a.", "a.", true}, {"a.*", "a.", true},
            {"a.#", "a.", true},
        };
        // clang-format on
        for (const Case &c : cases)
            QTest::addRow("'%s' vs '%s'", c.pattern, c.key)
                << QString::fromUtf8(c.pattern) << QString::fromUtf8(c.key) << c.expected;
    }

    void binding() {
        QFETCH(QString, pattern);
        QFETCH(QString, key);
        QFETCH(bool, expected);
        const std::string p = pattern.toStdString(), k = key.toStdString();
        QCOMPARE(bindingPatternMatches(p, k), expected);
        QCOMPARE(referenceMatch(splitWords(p), 0, splitWords(k), 0), expected);
    }

    // A binding list matches when any pattern does; the empty list matches nothing.
    void bindingList() {
        using eventbench::model::bindingMatches;
        const std::vector<std::string> q2{"*.*.rabbit", "lazy.#"};
        QVERIFY(bindingMatches(q2, "lazy.pink.rabbit"));
        QVERIFY(bindingMatches(q2, "quick.orange.rabbit"));
        QVERIFY(bindingMatches(q2, "lazy.brown.fox"));
        QVERIFY(!bindingMatches(q2, "quick.brown.fox"));
        QVERIFY(!bindingMatches(q2, ""));
        QVERIFY(bindingMatches({"order.#", ""}, ""));
        QVERIFY(!bindingMatches({}, "a"));
    }

    // A grid of patterns and keys: bindings agree with the definition; a filter policy built
    // from the same strings (v: prefix pattern OR 1 <= v < 100; w: anything-but {key, 10})
    // matches exactly when the key starts with the pattern and w is neither the key nor 10.
    void bindingAndFilterGrid_data() {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("key");
        const char *patterns[] = {"#",     "*",     "a.b", "a.*", "a.#",     "#.b",
                                  "*.b.#", "a.#.c", "#.#", "",    "a.*.c.#", "*.*"};
        const char *keys[] = {"", "a", "a.b", "a.b.c", "a.x.c.d", "b", "a..b", "x.b.y", "a.c"};
        for (const char *p : patterns)
            for (const char *k : keys)
                QTest::newRow(qPrintable(QString("'%1' ~ '%2'").arg(p, k))) << p << k;
    }

    void bindingAndFilterGrid() {
        QFETCH(QString, pattern);
        QFETCH(QString, key);
        const std::string p = pattern.toStdString(), k = key.toStdString();
        QCOMPARE(bindingPatternMatches(p, k), referenceMatch(splitWords(p), 0, splitWords(k), 0));
        const FilterPolicy filter = policy({{"v", {prefix(p), numeric({{">=", 1}, {"<", 100}})}},
                                            {"w", {anythingBut({k, "10"})}}});
        // No key of the grid is a number, so only the prefix can admit v.
        for (const std::string w : {"10", "10.0", "a", "b"}) {
            const bool expected =
                std::string_view(k).starts_with(p) && w != "10" && w != "10.0" && w != k;
            QCOMPARE(filterPolicyMatches(filter, {{"v", k}, {"w", w}}), expected);
        }
    }

    // Random short patterns and keys over a tiny alphabet agree with the definition.
    void bindingAgreesWithReference() {
        std::mt19937 rng(7);
        const char *patternWords[] = {"a", "b", "*", "#", ""};
        const char *keyWords[] = {"a", "b", ""};
        int matches = 0;
        for (int trial = 0; trial < 20000; ++trial) {
            Words p(rng() % 6), k(rng() % 7);
            for (auto &w : p)
                w = patternWords[rng() % 5];
            for (auto &w : k)
                w = keyWords[rng() % 3];
            const std::string ps = join(p), ks = join(k);
            // join() cannot express [""] vs []: re-split so both sides see the same words.
            const bool want = referenceMatch(splitWords(ps), 0, splitWords(ks), 0);
            matches += want ? 1 : 0;
            if (bindingPatternMatches(ps, ks) != want)
                QFAIL(qPrintable(QStringLiteral("'%1' vs '%2'").arg(ps.c_str(), ks.c_str())));
        }
        QVERIFY(matches > 1000); // the sample exercises both outcomes
    }

    // Many '#' against a long non-matching key must not go exponential.
    void bindingIsPolynomial() {
        std::string pattern;
        for (int i = 0; i < 30; ++i)
            pattern += "#.";
        pattern += "x";
        std::string key = "a";
        for (int i = 0; i < 400; ++i)
            key += ".a";
        QCOMPARE(bindingPatternMatches(pattern, key), false);
        QCOMPARE(bindingPatternMatches(pattern, key + ".x"), true);
    }
};

QTEST_GUILESS_MAIN(TestRouting)
#include "tst_routing.moc"
