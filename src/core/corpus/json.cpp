#include "core/corpus/json.h"

#include "core/text/utf8.h"

namespace vigie::corpus {

namespace {

// nlohmann's DOM builder, keeping where the parse failed (the stock one, exceptions off, drops it).
class PositionedSax : public nlohmann::detail::json_sax_dom_parser<nlohmann::json> {
public:
    using Base = nlohmann::detail::json_sax_dom_parser<nlohmann::json>;
    explicit PositionedSax(nlohmann::json& out) : Base(out, false) {}
    bool parse_error(std::size_t position, const std::string& last_token, const nlohmann::detail::exception& ex) {
        failed = true;
        where = position;
        what = ex.what();
        (void)last_token;
        return false;
    }
    bool failed = false;
    std::size_t where = 0;
    std::string what;
};

}  // namespace

Result<nlohmann::json> parse_json(std::string_view text, std::string_view name) {
    nlohmann::json out;
    PositionedSax sax(out);
    bool ok = nlohmann::json::sax_parse(text.begin(), text.end(), &sax, nlohmann::json::input_format_t::json, true);
    if (!ok || sax.failed) {
        std::size_t at = sax.where > 0 ? sax.where - 1 : 0;  // nlohmann counts from 1
        std::size_t line = text::line_of(text, at);
        std::size_t line_start = text.rfind('\n', at == 0 ? 0 : at - 1);
        std::size_t column = line_start == std::string_view::npos ? at + 1 : at - line_start;
        std::string what = sax.what;
        if (auto p = what.find("syntax error "); p != std::string::npos) what = what.substr(p);
        return Error{std::string(name) + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " +
                     (what.empty() ? "invalid JSON" : what)};
    }
    return out;
}

}  // namespace vigie::corpus
