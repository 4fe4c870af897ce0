// The JS API (DESIGN.md §4.4) over the core, with embind: one session per module instance.
// api_post.js wraps these string-in, JSON-out functions into the documented JS functions.
#include <emscripten/bind.h>
#include <emscripten/heap.h>
#include <emscripten/val.h>

#include <algorithm>
#include <memory>
#include <new>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "core/corpus/jsonl.h"
#include "core/geo/gazetteer.h"
#include "core/index/builder.h"
#include "core/index/index.h"
#include "core/index/search.h"
#include "core/text/analyzer.h"

namespace {

using nlohmann::json;
using namespace vigie;

struct Session {
    std::optional<text::Analyzer> analyzer;
    std::optional<geo::Gazetteer> gazetteer;  // compiled in; tags countries, resolves "pays:Belgique"
    std::optional<index::Index> index;     // what search() reads
    std::vector<corpus::Document> pending;  // added since the last commit
    // The ids of the index's documents and of those pending: a document whose id is taken is
    // skipped with a message, as the CLI skips it (two results for one article otherwise).
    std::unordered_set<std::string> ids;
    std::uint32_t jsonl_calls = 0, document_calls = 0;  // what made-up ids are numbered by
    std::string analyzer_error;
    std::string answer;  // search()'s last JSON, which its view points into

    // The index's ids, and the made-up ids numbered on past those it holds: a module that loads
    // a saved index and adds documents without ids makes no id the index has (jsonl-1 again).
    void ids_of_index() {
        ids.clear();
        if (!index) return;
        for (std::uint32_t d = 0; d < index->doc_count(); ++d) {
            const std::string_view id = index->doc_id(d);
            ids.emplace(id);
            calls_past(id, "jsonl", jsonl_calls);
            calls_past(id, "document", document_calls);
        }
    }
    // calls at least the call that made id, if it has the form of a made-up one (add()):
    // name-<line> is call 1's, name<k>-<line> call k's.
    static void calls_past(std::string_view id, std::string_view name, std::uint32_t& calls) {
        auto digits = [](std::string_view s) { return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }); };
        const std::size_t dash = id.find('-');
        if (id.substr(0, name.size()) != name || dash == std::string_view::npos || !digits(id.substr(dash + 1))) return;
        const std::string_view call = id.substr(name.size(), dash - name.size());
        if (call.empty()) calls = std::max<std::uint32_t>(calls, 1);
        else if (digits(call) && call.size() <= 9) calls = std::max(calls, static_cast<std::uint32_t>(std::stoul(std::string(call))));
    }

    const text::Analyzer* get_analyzer() {
        if (!analyzer && analyzer_error.empty()) {
            auto a = text::Analyzer::create();
            if (a) analyzer = std::move(a).value();
            else analyzer_error = a.error().message;
            if (analyzer)
                if (auto g = geo::Gazetteer::builtin(*analyzer)) gazetteer = std::move(g).value();
        }
        return analyzer ? &*analyzer : nullptr;
    }
};

Session& session() {
    static Session s;
    return s;
}

std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

// Made-up ids ("<name>-<line>" for a document without one) are told apart from one call to the
// next: jsonl-3, then jsonl2-3, jsonl3-3…
std::string add(std::string_view text, const std::string& name, std::uint32_t call) {
    Session& s = session();
    corpus::Corpus c = corpus::parse_jsonl(text, name, call > 1 ? name + std::to_string(call) : name);
    json errors = json::array();
    for (const Error& e : c.warnings) errors.push_back(e.message);
    std::size_t added = 0;
    for (auto& d : c.documents) {
        if (!s.ids.insert(d.id).second) {
            errors.push_back(d.file + ": id '" + d.id + "' already used, skipped");
            continue;
        }
        s.pending.push_back(std::move(d));
        ++added;
    }
    return dump({{"added", added}, {"errors", errors}});
}

// The JSONL text as UTF-8 bytes (api_post.js encodes strings with TextEncoder, which is much
// faster than embind's string conversion), copied once into wasm memory; null when the memory
// cannot hold them (a message then, not an abort).
std::unique_ptr<char[]> copy_bytes(const emscripten::val& bytes, std::size_t& n) {
    n = bytes["length"].as<std::size_t>();
    std::unique_ptr<char[]> out(new (std::nothrow) char[std::max<std::size_t>(n, 1)]);  // set() writes every byte
    if (!out) return out;
    emscripten::val view(emscripten::typed_memory_view(n, reinterpret_cast<unsigned char*>(out.get())));
    view.call<void>("set", bytes);
    return out;
}

std::string out_of_memory(std::string_view what, std::size_t n) {
    return std::string(what) + ": not enough memory for " + std::to_string(n) + " bytes";
}

std::string add_jsonl(const emscripten::val& utf8) {
    std::size_t n = 0;
    const std::unique_ptr<char[]> text = copy_bytes(utf8, n);
    if (!text) return dump({{"added", 0}, {"errors", {out_of_memory("jsonl", n)}}});
    return add(std::string_view(text.get(), n), "jsonl", ++session().jsonl_calls);
}

std::string add_document(const std::string& one_json_object) {
    std::string line = one_json_object;
    for (char& c : line) if (c == '\n' || c == '\r') c = ' ';  // JSON allows no raw newline in strings
    return add(line, "document", ++session().document_calls);
}

std::string commit() {
    Session& s = session();
    const text::Analyzer* a = s.get_analyzer();
    if (!a) return dump({{"error", s.analyzer_error}});
    // The builder copies each document's id, title and url into one buffer reserved for all of
    // them and compresses its body, and the document is freed at once: its memory then holds the
    // postings being built.
    index::IndexBuilder builder(*a, s.gazetteer ? &*s.gazetteer : nullptr);
    if (s.index) builder.reserve(s.index->doc_count(), s.index->stats().fields_bytes);
    builder.reserve(s.pending);
    if (s.index)
        for (std::uint32_t d = 0; d < s.index->doc_count(); ++d) builder.add(index::to_document(s.index->doc(d)));
    for (auto& d : s.pending) builder.add(std::move(d));  // each freed once its text is copied
    s.pending.clear();
    s.pending.shrink_to_fit();
    json warnings = json::array();
    for (const Error& w : builder.warnings()) warnings.push_back(w.message);
    auto parts = std::move(builder).finish_parts();
    auto ix = parts ? index::Index::open(std::move(parts).value()) : Result<index::Index>(parts.error());
    if (!ix) {
        s.ids_of_index();  // the documents pending are gone, the index is the one it was
        return dump({{"error", ix.error().message}});
    }
    s.index = std::move(ix).value();  // (its ids: those of the index before and of the pending)
    json out = {{"documents", s.index->doc_count()}};
    if (!warnings.empty()) out["warnings"] = std::move(warnings);
    return dump(out);
}

// {"documents", "pending", "errors"}, or {"error"} (the index it had is kept). A document added
// before, still pending, whose id the loaded index holds is dropped with a message, as an add
// after the load would have been: commit() would otherwise index that id twice.
std::string load_index(const emscripten::val& bytes) {
    std::size_t n = 0;
    std::unique_ptr<char[]> blob = copy_bytes(bytes, n);
    if (!blob) return dump({{"error", out_of_memory("loadIndex", n)}});
    auto ix = index::Index::open(std::move(blob), n);
    if (!ix) return dump({{"error", ix.error().message}});
    Session& s = session();
    s.index = std::move(ix).value();
    s.ids_of_index();
    json errors = json::array();
    std::vector<corpus::Document> kept;
    for (corpus::Document& d : s.pending) {
        if (s.ids.insert(d.id).second) kept.push_back(std::move(d));
        else errors.push_back(d.file + ": id '" + d.id + "' is in the loaded index, the pending document is dropped");
    }
    s.pending = std::move(kept);
    return dump({{"documents", s.index->doc_count()}, {"pending", s.pending.size()}, {"errors", errors}});
}

// The .vidx bytes as views of wasm memory, in parts (api_post.js joins them into one copy).
emscripten::val save_index() {
    Session& s = session();
    if (!s.index) return emscripten::val::null();
    emscripten::val parts = emscripten::val::array();
    for (std::string_view b : s.index->parts())
        parts.call<void>("push", emscripten::val(emscripten::typed_memory_view(b.size(), reinterpret_cast<const unsigned char*>(b.data()))));
    return parts;
}

// The JSON as a view of its bytes in wasm memory, valid until the next call (api_post.js
// decodes it at once with TextDecoder): a std::string return has embind read every byte in JS,
// twice, before it decodes them. All ASCII (accents as \u escapes): V8's TextDecoder reads
// ASCII about ten times faster than UTF-8 with accents in it (5.9 kB: 0.6 against 8 µs).
emscripten::val search(const std::string& query, int limit, bool typing, bool snippets) {
    Session& s = session();
    const text::Analyzer* a = s.get_analyzer();
    if (!a) s.answer = dump({{"error", s.analyzer_error}});
    else if (!s.index) s.answer = dump({{"error", "no index: call addJsonl()/addDocument() then commit(), or loadIndex()"}});
    else {
        index::SearchOptions o;
        o.limit = static_cast<std::size_t>(std::max(0, limit));
        o.typing = typing;
        o.snippets = snippets;
        s.answer = index::to_json(index::Searcher(*s.index, *a, s.gazetteer ? &*s.gazetteer : nullptr).search(query, o), *s.index, /*ascii=*/true);
    }
    return emscripten::val(emscripten::typed_memory_view(s.answer.size(), reinterpret_cast<const unsigned char*>(s.answer.data())));
}

std::string stats() {
    Session& s = session();
    json out = {{"pending", s.pending.size()}, {"memory_bytes", emscripten_get_heap_size()}};
    if (s.index) {
        const index::IndexStats st = s.index->stats();
        out.update({{"documents", st.documents}, {"terms", st.stems}, {"forms", st.forms}, {"folded", st.folded},
                    {"postings_bytes", st.postings_bytes}, {"dictionary_bytes", st.dictionary_bytes},
                    {"summary_bytes", st.summary_bytes}, {"merged_bytes", st.merged_bytes},
                    {"pair_bytes", st.pair_bytes}, {"text_bytes", st.text_bytes}, {"body_raw_bytes", st.body_raw_bytes},
                    {"index_bytes", st.total_bytes - st.text_bytes},
                    {"total_bytes", st.total_bytes}, {"tokens", st.title_tokens + st.body_tokens}});
    } else {
        out["documents"] = 0;
    }
    return dump(out);
}

}  // namespace

EMSCRIPTEN_BINDINGS(vigie_api) {
    emscripten::function("vigieAddJsonl", &add_jsonl);
    emscripten::function("vigieAddDocument", &add_document);
    emscripten::function("vigieCommit", &commit);
    emscripten::function("vigieLoadIndex", &load_index);
    emscripten::function("vigieSaveIndex", &save_index);
    emscripten::function("vigieSearch", &search);
    emscripten::function("vigieStats", &stats);
}
