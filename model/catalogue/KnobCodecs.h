#pragma once
// The codecs the knob catalogue's tables are built from: one per kind of value (whole
// number, number, duration, distribution, choice, flag, bus id), reaching the knob's field
// through a path of member pointers, e.g. `durationKnob<&Node::queue,
// &QueueSpec::visibilityTimeout>()`. Only the catalogue's .cpp files include this.
#include <cstdint>
#include <type_traits>
#include <utility>

#include "model/catalogue/KnobCatalogue.h"
#include "model/scenario/Units.h"
#include "model/yaml/FieldReader.h"
#include "model/yaml/YamlReader.h"

namespace eventbench::model::knobs {

template <typename T> struct MemberOf;
template <typename C, typename M> struct MemberOf<M C::*> { using Class = C; };
template <auto... Path> struct PathOwner;
template <auto First, auto... Rest> struct PathOwner<First, Rest...> {
    using Type = typename MemberOf<decltype(First)>::Class;
};
/// The type the first member pointer of a path belongs to (Node, Edge or Scenario).
template <auto... Path> using OwnerOf = typename PathOwner<Path...>::Type;

/// The field at the end of a path: `(o.*First).*Second...`.
template <auto... Path, typename O> auto &at(O &o) {
    return (o.*....*Path);
}

template <auto... Path> bool isDefaultAt(const OwnerOf<Path...> &o) {
    static const OwnerOf<Path...> kDefault{};
    return at<Path...>(o) == at<Path...>(kDefault);
}

template <auto... Path> bool isAbsentAt(const OwnerOf<Path...> &o) {
    return !at<Path...>(o).has_value();
}

template <typename O> using Info = KnobInfo<O>;

/// A whole number in [range.min, range.max].
template <auto... Path> constexpr KnobCodec<OwnerOf<Path...>> integerKnob() {
    using O = OwnerOf<Path...>;
    return {[](FieldReader &r, const YamlNode &v, const Info<O> &k, O &o) {
                assignIf(at<Path...>(o),
                         r.integer(v, std::string(k.key), static_cast<std::int64_t>(k.range.min),
                                   static_cast<std::int64_t>(k.range.max)));
            },
            &isDefaultAt<Path...>,
            [](const O &o, const Info<O> &) -> std::optional<std::string> {
                return std::to_string(at<Path...>(o));
            },
            [](const O &o, const Info<O> &) {
                return formatNumber(static_cast<double>(at<Path...>(o)));
            }};
}

/// A whole number in [range.min, range.max], absent by default (shown as the default text).
template <auto... Path> constexpr KnobCodec<OwnerOf<Path...>> optionalIntegerKnob() {
    using O = OwnerOf<Path...>;
    return {[](FieldReader &r, const YamlNode &v, const Info<O> &k, O &o) {
                assignIf(at<Path...>(o),
                         r.integer(v, std::string(k.key), static_cast<std::int64_t>(k.range.min),
                                   static_cast<std::int64_t>(k.range.max)));
            },
            &isAbsentAt<Path...>,
            [](const O &o, const Info<O> &) -> std::optional<std::string> {
                if (!at<Path...>(o))
                    return std::nullopt;
                return std::to_string(*at<Path...>(o));
            },
            [](const O &o, const Info<O> &k) {
                const auto &x = at<Path...>(o);
                return x ? formatNumber(static_cast<double>(*x)) : std::string(k.defaultText);
            }};
}

/// A plain number in [range.min, range.max].
template <auto... Path> constexpr KnobCodec<OwnerOf<Path...>> numberKnob() {
    using O = OwnerOf<Path...>;
    return {[](FieldReader &r, const YamlNode &v, const Info<O> &k, O &o) {
                assignIf(at<Path...>(o), r.number(v, std::string(k.key), k.range.min, k.range.max));
            },
            &isDefaultAt<Path...>,
            [](const O &o, const Info<O> &) -> std::optional<std::string> {
                return formatNumber(at<Path...>(o));
            },
            [](const O &o, const Info<O> &) { return formatNumber(at<Path...>(o)); }};
}

inline std::optional<SimTime> readDuration(FieldReader &r, const YamlNode &v,
                                           const KnobRange &range, std::string_view key) {
    return range.positive ? r.positiveDuration(v, std::string(key))
                          : r.duration(v, std::string(key));
}

/// A duration, more than 0 when range.positive.
template <auto... Path> constexpr KnobCodec<OwnerOf<Path...>> durationKnob() {
    using O = OwnerOf<Path...>;
    return {[](FieldReader &r, const YamlNode &v, const Info<O> &k, O &o) {
                assignIf(at<Path...>(o), readDuration(r, v, k.range, k.key));
            },
            &isDefaultAt<Path...>,
            [](const O &o, const Info<O> &) -> std::optional<std::string> {
                return formatDuration(at<Path...>(o));
            },
            [](const O &o, const Info<O> &) { return formatDuration(at<Path...>(o)); }};
}

/// A duration that is absent by default (shown as the default text).
template <auto... Path> constexpr KnobCodec<OwnerOf<Path...>> optionalDurationKnob() {
    using O = OwnerOf<Path...>;
    return {[](FieldReader &r, const YamlNode &v, const Info<O> &k, O &o) {
                assignIf(at<Path...>(o), readDuration(r, v, k.range, k.key));
            },
            &isAbsentAt<Path...>,
            [](const O &o, const Info<O> &) -> std::optional<std::string> {
                if (!at<Path...>(o))
                    return std::nullopt;
                return formatDuration(*at<Path...>(o));
            },
            [](const O &o, const Info<O> &k) {
                const auto &x = at<Path...>(o);
                return x ? formatDuration(*x) : std::string(k.defaultText);
            }};
}

/// A distribution of durations, sizes or counts.
template <Quantity Q, auto... Path> constexpr KnobCodec<OwnerOf<Path...>> distributionKnob() {
    using O = OwnerOf<Path...>;
    return {[](FieldReader &r, const YamlNode &v, const Info<O> &k, O &o) {
                assignIf(at<Path...>(o), r.distribution(v, Q, std::string(k.key)));
            },
            &isDefaultAt<Path...>,
            [](const O &o, const Info<O> &) -> std::optional<std::string> {
                return distributionText(at<Path...>(o), TextStyle::File);
            },
            [](const O &o, const Info<O> &) {
                return distributionText(at<Path...>(o), TextStyle::Inspector);
            }};
}

/// One of range.choices; the field is an enum in the same order.
template <auto... Path> constexpr KnobCodec<OwnerOf<Path...>> choiceKnob() {
    using O = OwnerOf<Path...>;
    using E = std::remove_cvref_t<decltype(at<Path...>(std::declval<O &>()))>;
    return {[](FieldReader &r, const YamlNode &v, const Info<O> &k, O &o) {
                if (auto c = r.choice(v, std::string(k.key), k.range.choiceList()))
                    at<Path...>(o) = static_cast<E>(*c);
            },
            &isDefaultAt<Path...>,
            [](const O &o, const Info<O> &k) -> std::optional<std::string> {
                return std::string(k.range.choices[static_cast<std::size_t>(at<Path...>(o))]);
            },
            [](const O &o, const Info<O> &k) {
                return std::string(k.range.choices[static_cast<std::size_t>(at<Path...>(o))]);
            }};
}

/// true or false.
template <auto... Path> constexpr KnobCodec<OwnerOf<Path...>> boolKnob() {
    using O = OwnerOf<Path...>;
    return {[](FieldReader &r, const YamlNode &v, const Info<O> &k, O &o) {
                assignIf(at<Path...>(o), r.boolean(v, std::string(k.key)));
            },
            &isDefaultAt<Path...>,
            [](const O &o, const Info<O> &) -> std::optional<std::string> {
                return boolText(at<Path...>(o));
            },
            [](const O &o, const Info<O> &) { return boolText(at<Path...>(o)); }};
}

/// The id of another node; empty (absent) by default, shown as the default text.
template <auto... Path> constexpr KnobCodec<OwnerOf<Path...>> nodeIdKnob() {
    using O = OwnerOf<Path...>;
    return {[](FieldReader &r, const YamlNode &v, const Info<O> &k, O &o) {
                assignIf(at<Path...>(o), r.nodeId(v, std::string(k.key)));
            },
            [](const O &o) { return at<Path...>(o).empty(); },
            [](const O &o, const Info<O> &) -> std::optional<std::string> {
                if (at<Path...>(o).empty())
                    return std::nullopt;
                return yamlString(at<Path...>(o));
            },
            [](const O &o, const Info<O> &k) {
                const std::string &id = at<Path...>(o);
                return id.empty() ? std::string(k.defaultText) : id;
            }};
}

/// The field a knob names a node with (for KnobInfo::names).
template <auto... Path> const std::string *namedNode(const OwnerOf<Path...> &o) {
    return &at<Path...>(o);
}

} // namespace eventbench::model::knobs
