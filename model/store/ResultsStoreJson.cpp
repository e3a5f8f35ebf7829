#include "model/store/ResultsStoreJson.h"

#include <charconv>
#include <cmath>
#include <limits>

namespace eventbench::model {

void appendJsonNumber(std::string &out, double v) {
    if (std::isnan(v)) {
        out += "null";
        return;
    }
    if (std::isinf(v)) {
        out += v > 0 ? "1e999" : "-1e999";
        return;
    }
    char buf[32];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, r.ptr);
}

bool parseJsonNumbers(std::string_view text, std::vector<double> &out) {
    out.clear();
    while (!text.empty() && text.back() == ' ')
        text.remove_suffix(1);
    if (text.size() < 2 || text.front() != '[' || text.back() != ']')
        return false;
    text = text.substr(1, text.size() - 2);
    while (!text.empty()) {
        const auto comma = text.find(',');
        std::string_view item = text.substr(0, comma);
        while (!item.empty() && item.front() == ' ')
            item.remove_prefix(1);
        while (!item.empty() && item.back() == ' ')
            item.remove_suffix(1);
        double v = 0;
        if (item == "null") {
            v = std::numeric_limits<double>::quiet_NaN();
        } else if (item == "1e999") {
            v = std::numeric_limits<double>::infinity();
        } else if (item == "-1e999") {
            v = -std::numeric_limits<double>::infinity();
        } else {
            const auto r = std::from_chars(item.data(), item.data() + item.size(), v);
            if (r.ec != std::errc() || r.ptr != item.data() + item.size())
                return false;
        }
        out.push_back(v);
        if (comma == std::string_view::npos)
            break;
        text.remove_prefix(comma + 1);
    }
    return true;
}

} // namespace eventbench::model
