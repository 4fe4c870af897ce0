// The bundled dossier as JSONL (every line with its id): an input both builds can index.
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";

const CORPUS = join(resolve(new URL("../..", import.meta.url).pathname), "assets/corpus");

export function seedsJsonl() {
  const manifest = JSON.parse(readFileSync(join(CORPUS, "manifest.json"), "utf8"));
  return manifest.documents.map((d) => JSON.stringify({
    id: d.id, title: d.title, date: d.date, source: d.source, text: readFileSync(join(CORPUS, d.file), "utf8"),
  })).join("\n") + "\n";
}
