#pragma once
// The readers and texts of the failure-mode knobs whose values are maps (a consumer's
// `circuit_breaker`, a bus's `acl` and `tls`) and of shares written as a percentage or a
// fraction (`50%` or 0.5), with the codec that puts one of them on a field of the knob
// catalogue. Only the catalogue's .cpp files include this.
#include <optional>
#include <string>

#include "model/catalogue/KnobCodecs.h"

namespace eventbench::model::knobs {

/// `50%` or 0.5: a share in [0, 1]; more than 0 when `positive`.
std::optional<double> readShare(FieldReader &r, const YamlNode &v, const std::string &what,
                                bool positive);
std::string shareText(double share);

std::optional<BreakerSpec> readBreaker(FieldReader &r, const YamlNode &v, const std::string &what);
std::string breakerText(const BreakerSpec &b, TextStyle style);
std::optional<AclSpec> readAcl(FieldReader &r, const YamlNode &v, const std::string &what);
std::string aclText(const AclSpec &a, TextStyle style);
std::optional<TlsSpec> readTls(FieldReader &r, const YamlNode &v, const std::string &what);
std::string tlsText(const TlsSpec &t, TextStyle style);

/// An optional map-valued field: absent by default (shown as the default text), read by
/// `Read` and written by `Text`.
template <typename T,
          std::optional<T> (*Read)(FieldReader &, const YamlNode &, const std::string &),
          std::string (*Text)(const T &, TextStyle), auto... Path>
constexpr KnobCodec<OwnerOf<Path...>> mapKnob() {
    using O = OwnerOf<Path...>;
    return {[](FieldReader &r, const YamlNode &v, const Info<O> &k, O &o) {
                assignIf(at<Path...>(o), Read(r, v, std::string(k.key)));
            },
            &isAbsentAt<Path...>,
            [](const O &o, const Info<O> &) -> std::optional<std::string> {
                if (!at<Path...>(o))
                    return std::nullopt;
                return Text(*at<Path...>(o), TextStyle::File);
            },
            [](const O &o, const Info<O> &k) {
                const auto &x = at<Path...>(o);
                return x ? Text(*x, TextStyle::Inspector) : std::string(k.defaultText);
            }};
}

} // namespace eventbench::model::knobs
