#include "model/results/CsvLine.h"

namespace eventbench::model {

void appendCsvField(std::string &out, std::string_view field) {
    if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
        out += field;
        return;
    }
    out += '"';
    for (char c : field) {
        if (c == '"')
            out += '"';
        out += c;
    }
    out += '"';
}

std::string csvField(std::string_view field) {
    std::string out;
    appendCsvField(out, field);
    return out;
}

bool splitCsvLine(const std::string &line, std::vector<CsvField> *fields) {
    fields->clear();
    std::size_t i = 0;
    while (true) {
        CsvField f;
        f.column = static_cast<int>(i) + 1;
        if (i < line.size() && line[i] == '"') {
            ++i;
            while (true) {
                if (i >= line.size())
                    return false;
                if (line[i] == '"') {
                    if (i + 1 < line.size() && line[i + 1] == '"') {
                        f.text += '"';
                        i += 2;
                        continue;
                    }
                    ++i;
                    break;
                }
                f.text += line[i++];
            }
            if (i < line.size() && line[i] != ',')
                return false;
        } else {
            const auto comma = line.find(',', i);
            f.text = line.substr(i, comma == std::string::npos ? std::string::npos : comma - i);
            if (f.text.find('"') != std::string::npos)
                return false;
            i = comma == std::string::npos ? line.size() : comma;
        }
        fields->push_back(std::move(f));
        if (i >= line.size())
            return true;
        ++i; // the comma
        if (i == line.size()) {
            fields->push_back({std::string(), static_cast<int>(i) + 1});
            return true;
        }
    }
}

std::vector<std::string> csvLinesOf(const std::string &text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start < text.size()) {
        const auto nl = text.find('\n', start);
        out.push_back(text.substr(start, nl == std::string::npos ? std::string::npos : nl - start));
        if (nl == std::string::npos)
            break;
        start = nl + 1;
    }
    return out;
}

} // namespace eventbench::model
