#include "ui/inspector/ValueForms.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <algorithm>
#include <cmath>

#include "model/capacity/QueueingFormulas.h"
#include "model/catalogue/KnobFormat.h"
#include "model/scenario/Units.h"
#include "model/yaml/FieldReader.h"

namespace eventbench::ui {

namespace {

using model::KnobShape;
using DKind = model::Distribution::Kind;
using RKind = model::RateProfile::Kind;

constexpr double kZ99 = 2.3263478740; // the standard normal's 99th percentile

QString tr(const char *text) {
    return QCoreApplication::translate("ValueForms", text);
}

bool isDistribution(KnobShape s) {
    return s == KnobShape::DurationDistribution || s == KnobShape::SizeDistribution;
}

model::Quantity quantityOf(KnobShape s) {
    return s == KnobShape::SizeDistribution ? model::Quantity::Size : model::Quantity::Duration;
}

// The distribution kinds with a form, in the combo's order; empirical has none.
constexpr DKind kDistributionKinds[] = {DKind::Constant, DKind::Exponential, DKind::Uniform,
                                        DKind::Normal, DKind::Lognormal};
constexpr RKind kRateKinds[] = {RKind::Constant, RKind::Burst, RKind::Ramp, RKind::Sine};

// The fields of each form as members of the model's value: doubles in the base unit.
std::vector<double *> distributionFields(model::Distribution &d) {
    switch (d.kind) {
    case DKind::Constant:
        return {&d.value};
    case DKind::Exponential:
        return {&d.mean};
    case DKind::Uniform:
        return {&d.min, &d.max};
    case DKind::Normal:
        return {&d.mean, &d.stddev};
    case DKind::Lognormal:
        return {&d.mean, &d.p99};
    case DKind::Empirical:
        break;
    }
    return {};
}

struct RateFields {
    std::vector<double *> rates;
    std::vector<model::SimTime *> times;
};

RateFields rateFields(model::RateProfile &p) {
    switch (p.kind) {
    case RKind::Constant:
        return {{&p.rate}, {}};
    case RKind::Burst:
        return {{&p.base, &p.peak}, {&p.every, &p.burstFor}};
    case RKind::Ramp:
        return {{&p.from, &p.to}, {&p.over}};
    case RKind::Sine:
        return {{&p.mean, &p.amplitude}, {&p.period}};
    case RKind::Steps:
        break;
    }
    return {};
}

QVector<ValueForm> formsOf(KnobShape shape) {
    const FieldUnit q =
        shape == KnobShape::SizeDistribution ? FieldUnit::Size : FieldUnit::Duration;
    const FieldUnit rate = FieldUnit::Rate, time = FieldUnit::Duration;
    if (isDistribution(shape))
        return {{tr("fixed"), {{"value", q}}},
                {tr("exponential"), {{"mean", q}}},
                {tr("uniform"), {{"min", q}, {"max", q}}},
                {tr("normal"), {{"mean", q}, {"stddev", q}}},
                {tr("lognormal"), {{"mean", q}, {"p99", q}}}};
    if (shape == KnobShape::RateProfile)
        return {{tr("constant"), {{"rate", rate}}},
                {tr("burst"), {{"base", rate}, {"peak", rate}, {"every", time}, {"for", time}}},
                {tr("ramp"), {{"from", rate}, {"to", rate}, {"over", time}}},
                {tr("sine"), {{"mean", rate}, {"amplitude", rate}, {"period", time}}}};
    if (shape == KnobShape::Retry)
        return {{tr("retry"),
                 {{"max_attempts", FieldUnit::Integer},
                  {"backoff", time},
                  {"multiplier", FieldUnit::Number}}}};
    return {};
}

// `20ms` as (`20`, `ms`).
void splitInto(const std::string &text, FormValue &v) {
    static const QRegularExpression number(
        QStringLiteral("^([-+]?[0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?)(.*)$"));
    const QString t = QString::fromStdString(text);
    const QRegularExpressionMatch m = number.match(t);
    v.numbers << (m.hasMatch() ? m.captured(1) : t);
    v.units << (m.hasMatch() ? m.captured(2) : QString());
}

// A field's text as a value in its unit's base (ns, bytes, per second); nullopt and `error`.
std::optional<double> fieldValue(const FormField &f, const QString &number, const QString &unit,
                                 QString *error) {
    const std::string text = (number.trimmed() + unit).toStdString();
    std::string why;
    std::optional<double> v;
    if (number.trimmed().isEmpty())
        why = tr("a number is needed").toStdString();
    else if (f.unit == FieldUnit::Duration) {
        if (auto ns = model::parseDuration(text, &why))
            v = static_cast<double>(*ns);
    } else if (f.unit == FieldUnit::Size)
        v = model::parseSize(text, &why);
    else if (f.unit == FieldUnit::Rate)
        v = model::parseRate(text, &why);
    else {
        bool ok = false;
        const double x = f.unit == FieldUnit::Integer ? double(number.trimmed().toLongLong(&ok))
                                                      : number.trimmed().toDouble(&ok);
        if (ok && std::isfinite(x))
            v = x;
        else
            why = (f.unit == FieldUnit::Integer ? tr("expected a whole number, found '%1'")
                                                : tr("expected a number, found '%1'"))
                      .arg(number.trimmed())
                      .toStdString();
    }
    if (!v)
        *error = f.label + QStringLiteral(": ") + QString::fromStdString(why);
    return v;
}

// A value for the summary, rounded to three figures in a readable unit.
QString approx(double v, FieldUnit unit) {
    auto g = [](double x) {
        return x >= 1000 ? QString::number(x, 'f', 0) : QString::number(x, 'g', 3);
    };
    if (unit == FieldUnit::Size) {
        if (v >= 1e9)
            return g(v / 1e9) + QStringLiteral("GB");
        if (v >= 1e6)
            return g(v / 1e6) + QStringLiteral("MB");
        return v >= 1e3 ? g(v / 1e3) + QStringLiteral("KB") : g(v) + QStringLiteral("B");
    }
    if (unit == FieldUnit::Rate)
        return g(v) + QStringLiteral("/s");
    const double s = v / 1e9;
    if (s >= 7200)
        return g(s / 3600) + QStringLiteral("h");
    if (s >= 120)
        return g(s / 60) + QStringLiteral("m");
    if (s >= 1)
        return g(s) + QStringLiteral("s");
    if (v >= 1e6)
        return g(v / 1e6) + QStringLiteral("ms");
    return v >= 1e3 ? g(v / 1e3) + QStringLiteral("us") : g(v) + QStringLiteral("ns");
}

// The 99th percentile of what the simulator draws from `d` (a normal is cut off at 0).
double p99Of(const model::Distribution &d) {
    switch (d.kind) {
    case DKind::Constant:
        return d.value;
    case DKind::Exponential:
        return d.mean * std::log(100.0);
    case DKind::Uniform:
        return d.min + 0.99 * (d.max - d.min);
    case DKind::Normal:
        return std::max(0.0, d.mean + kZ99 * d.stddev);
    case DKind::Lognormal:
        return d.p99;
    case DKind::Empirical:
        break;
    }
    // Empirical: the smallest value whose cumulative weight reaches 99%.
    std::vector<std::pair<double, double>> vw;
    double total = 0;
    for (std::size_t i = 0; i < d.values.size() && i < d.weights.size(); ++i) {
        vw.emplace_back(d.values[i], d.weights[i]);
        total += d.weights[i];
    }
    std::sort(vw.begin(), vw.end());
    double seen = 0;
    for (const auto &[v, w] : vw)
        if ((seen += w) >= 0.99 * total)
            return v;
    return vw.empty() ? 0 : vw.back().first;
}

QString distributionSummary(const model::Distribution &d) {
    const model::Moments m = model::distributionMoments(d);
    const double sd = std::sqrt(std::max(0.0, m.variance()));
    const FieldUnit u = d.quantity == model::Quantity::Size ? FieldUnit::Size : FieldUnit::Duration;
    return tr("mean %1, standard deviation %2, p99 %3")
        .arg(approx(m.mean, u), approx(sd, u), approx(p99Of(d), u));
}

QString rateSummary(const model::RateProfile &p) {
    const auto rate = [](double r) { return approx(r, FieldUnit::Rate); };
    const auto time = [](model::SimTime t) {
        return approx(static_cast<double>(t), FieldUnit::Duration);
    };
    switch (p.kind) {
    case RKind::Constant:
        return tr("%1 all the time").arg(rate(p.rate));
    case RKind::Burst:
        return tr("mean %1 over each %2, peak %3")
            .arg(rate(p.meanRate(p.every)), time(p.every), rate(p.maxRate()));
    case RKind::Ramp:
        return tr("mean %1 over the %2 ramp, then %3")
            .arg(rate(p.meanRate(p.over)), time(p.over), rate(p.to));
    case RKind::Sine:
        return tr("mean %1, from %2 to %3 every %4")
            .arg(rate(p.meanRate(p.period)), rate(std::max(0.0, p.mean - p.amplitude)),
                 rate(p.maxRate()), time(p.period));
    case RKind::Steps:
        break;
    }
    return tr("peak %1").arg(rate(p.maxRate()));
}

// A consumer waits backoff × multiplier^(k-1) before attempt k+1 (below 1 the waits shrink).
QString retrySummary(const model::RetrySpec &r) {
    if (r.maxAttempts <= 1)
        return tr("one attempt, no retry");
    QStringList waits;
    double wait = static_cast<double>(r.backoff), total = 0;
    for (int i = 1; i < r.maxAttempts; ++i) {
        if (i <= 4)
            waits << approx(wait, FieldUnit::Duration);
        total += wait;
        wait *= r.multiplier;
    }
    if (r.maxAttempts > 5)
        waits << QStringLiteral("…");
    const QString trend = r.multiplier < 1   ? tr("; each wait ×%1, so they shrink")
                          : r.multiplier > 1 ? tr("; each wait ×%1")
                                             : QString();
    return tr("at most %1 attempts; waits %2 (%3 in all)%4")
        .arg(r.maxAttempts)
        .arg(waits.join(QStringLiteral(", ")), approx(total, FieldUnit::Duration),
             trend.isEmpty() ? QString() : trend.arg(r.multiplier));
}

// A producer retries its whole buffer in rounds: the wait before the next round is backoff ×
// multiplier^(rounds in a row that could not send everything), never shrinking (below 1 counts
// as 1), and back to backoff once the buffer has emptied (sim/engine/Producers.cpp).
QString bufferRetrySummary(const model::RetrySpec &r) {
    const QString first = approx(static_cast<double>(r.backoff), FieldUnit::Duration);
    const QString attempts = r.maxAttempts <= 1
                                 ? tr("one attempt per message, no retry")
                                 : tr("at most %1 attempts per message").arg(r.maxAttempts);
    if (r.maxAttempts <= 1)
        return attempts;
    if (r.multiplier <= 1)
        return tr("%1; the buffer is retried every %2 while the bus is away%3")
            .arg(attempts, first,
                 r.multiplier < 1 ? tr(" (a multiplier below 1 counts as 1: the wait never "
                                       "shrinks)")
                                  : QString());
    QStringList waits;
    double wait = static_cast<double>(r.backoff);
    for (int i = 0; i < 4; ++i, wait *= r.multiplier)
        waits << approx(wait, FieldUnit::Duration);
    return tr("%1; the buffer is retried after %2, … (×%3 each round the bus stays away, back "
              "to %4 once the buffer empties)")
        .arg(attempts, waits.join(QStringLiteral(", ")))
        .arg(r.multiplier)
        .arg(first);
}

} // namespace

ValueForms::ValueForms(KnobShape shape, QString key, const QString &fileDefault, bool bufferRetry)
    : m_shape(shape), m_bufferRetry(bufferRetry), m_key(std::move(key)), m_forms(formsOf(shape)) {
    if (shape != KnobShape::Retry)
        return;
    model::Diagnostics diags;
    model::FieldReader reader({}, {}, diags);
    if (auto y = model::readYaml(fileDefault.toStdString()); y.root)
        if (auto r = reader.retry(*y.root, {}, m_key.toStdString()))
            m_retryDefaults = *r;
}

CheckedValue ValueForms::check(const QString &text) const {
    CheckedValue out;
    const model::YamlReadResult y = model::readYaml(text.toStdString());
    if (!y.root) {
        out.error = tr("not valid YAML: %1").arg(QString::fromStdString(y.error));
        return out;
    }
    model::Diagnostics diags;
    model::FieldReader reader({}, {}, diags);
    const std::string what = m_key.toStdString();
    if (isDistribution(m_shape)) {
        if (auto d = reader.distribution(*y.root, quantityOf(m_shape), what))
            out.summary = distributionSummary(*d);
    } else if (m_shape == KnobShape::RateProfile) {
        if (auto p = reader.rateProfile(*y.root, what))
            out.summary = rateSummary(*p);
    } else if (m_shape == KnobShape::Retry) {
        if (auto r = reader.retry(*y.root, m_retryDefaults, what))
            out.summary = m_bufferRetry ? bufferRetrySummary(*r) : retrySummary(*r);
    }
    if (reader.errorCount() > 0 || out.summary.isEmpty()) {
        out.error = diags.empty() ? tr("%1: not a value of this knob").arg(m_key)
                                  : QString::fromStdString(diags.front().message);
        out.summary.clear();
        return out;
    }
    out.text = text.trimmed();
    return out;
}

FormValue ValueForms::parse(const QString &text, QString *why) const {
    FormValue v;
    const model::YamlReadResult y = model::readYaml(text.toStdString());
    model::Diagnostics diags;
    model::FieldReader reader({}, {}, diags);
    const std::string what = m_key.toStdString();
    if (!y.root) {
        *why = tr("The value is not valid YAML; edit it as text.");
    } else if (isDistribution(m_shape)) {
        auto d = reader.distribution(*y.root, quantityOf(m_shape), what);
        const auto *at =
            d ? std::find(std::begin(kDistributionKinds), std::end(kDistributionKinds), d->kind)
              : std::end(kDistributionKinds);
        if (at == std::end(kDistributionKinds)) {
            *why = d ? tr("An empirical distribution has no form here; edit it as text.")
                     : tr("The value does not read as a distribution; edit it as text.");
            return v;
        }
        v.form = int(at - std::begin(kDistributionKinds));
        for (double *x : distributionFields(*d))
            splitInto(d->quantity == model::Quantity::Size
                          ? model::formatSize(*x)
                          : model::formatDuration(static_cast<model::SimTime>(std::llround(*x))),
                      v);
    } else if (m_shape == KnobShape::RateProfile) {
        auto p = reader.rateProfile(*y.root, what);
        const auto *at = p ? std::find(std::begin(kRateKinds), std::end(kRateKinds), p->kind)
                           : std::end(kRateKinds);
        if (at == std::end(kRateKinds)) {
            *why = p ? tr("A steps profile has no form here; edit it as text.")
                     : tr("The value does not read as a rate profile; edit it as text.");
            return v;
        }
        v.form = int(at - std::begin(kRateKinds));
        const RateFields f = rateFields(*p);
        for (double *x : f.rates)
            splitInto(model::formatRate(*x), v);
        for (model::SimTime *t : f.times)
            splitInto(model::formatDuration(*t), v);
    } else if (m_shape == KnobShape::Retry) {
        const model::RetrySpec r =
            reader.retry(*y.root, m_retryDefaults, what).value_or(m_retryDefaults);
        v.form = 0;
        v.numbers << QString::number(r.maxAttempts);
        v.units << QString();
        splitInto(model::formatDuration(r.backoff), v);
        v.numbers << QString::fromStdString(model::formatNumber(r.multiplier));
        v.units << QString();
    }
    return v;
}

CheckedValue ValueForms::build(const FormValue &value) const {
    CheckedValue out;
    if (value.form < 0 || value.form >= m_forms.size())
        return out;
    const QVector<FormField> &fields = m_forms[value.form].fields;
    std::vector<double> x;
    for (int i = 0; i < fields.size(); ++i) {
        const auto v =
            fieldValue(fields[i], value.numbers.value(i), value.units.value(i), &out.error);
        if (!v)
            return out;
        x.push_back(*v);
    }
    std::string text;
    if (isDistribution(m_shape)) {
        model::Distribution d;
        d.kind = kDistributionKinds[value.form];
        d.quantity = quantityOf(m_shape);
        const std::vector<double *> members = distributionFields(d);
        for (std::size_t i = 0; i < members.size(); ++i)
            *members[i] = x[i];
        text = model::distributionText(d, model::TextStyle::File);
    } else if (m_shape == KnobShape::RateProfile) {
        model::RateProfile p;
        p.kind = kRateKinds[value.form];
        const RateFields f = rateFields(p);
        std::size_t i = 0;
        for (double *r : f.rates)
            *r = x[i++];
        for (model::SimTime *t : f.times)
            *t = static_cast<model::SimTime>(std::llround(x[i++]));
        text = model::rateProfileText(p);
    } else if (m_shape == KnobShape::Retry) {
        model::RetrySpec r;
        r.maxAttempts = int(std::clamp(x[0], -1e9, 1e9));
        r.backoff = static_cast<model::SimTime>(std::llround(x[1]));
        r.multiplier = x[2];
        text = model::retryText(r, m_retryDefaults, model::TextStyle::File);
    }
    return check(QString::fromStdString(text));
}

} // namespace eventbench::ui
