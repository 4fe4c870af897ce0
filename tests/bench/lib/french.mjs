// French text helpers shared by the corpus builders, the query builder and the peer adapters:
// the function words of French, accent folding, and a plain word splitter for statistics.

// French function words (articles, prepositions, pronouns, auxiliaries, conjunctions) with a
// rough relative frequency in running news text. The synthetic corpus draws them with these
// weights; the query builder never uses them as query terms. "été" is deliberately absent: it
// is also the noun "summer", and a French engine must keep it searchable.
export const STOPWORD_WEIGHTS = {
  de: 40, la: 25, le: 22, et: 20, les: 20, à: 18, des: 15, en: 12, un: 11, une: 9, du: 8,
  que: 8, qui: 7, dans: 7, est: 6, pour: 6, il: 6, par: 5, sur: 5, au: 5, a: 4, pas: 4,
  plus: 4, ne: 3, ce: 3, se: 3, avec: 3, sont: 2.5, elle: 2, ont: 2, son: 2, sa: 2, ses: 2,
  aux: 2, mais: 2, ou: 2, comme: 2, cette: 2, ils: 1.5, leur: 1.2, nous: 1, on: 1.5, y: 0.8,
  tout: 1, sans: 1, être: 0.8, avoir: 0.6, lui: 0.8, entre: 0.8, après: 0.8, avant: 0.6,
  depuis: 0.8, sous: 0.6, vers: 0.5, chez: 0.4, dont: 0.8, où: 0.7, si: 0.8, aussi: 0.7,
  leurs: 0.7, ces: 1.2, cet: 0.4, était: 0.8, sera: 0.5, fait: 0.7, deux: 0.8, très: 0.5,
  encore: 0.5, même: 0.6, selon: 0.5, contre: 0.5, lors: 0.3, jusque: 0.2, lorsque: 0.3,
  puisque: 0.1, je: 0.3, me: 0.2, te: 0.1, vous: 0.4, mon: 0.1, ton: 0.05, notre: 0.3,
  votre: 0.1, nos: 0.2, vos: 0.05, moi: 0.05, toi: 0.02, eux: 0.1, soi: 0.02,
};

// Everything that must never be a query term (a superset of the drawn list, plus elided forms).
export const STOPWORDS = new Set([
  ...Object.keys(STOPWORD_WEIGHTS),
  'l', 'd', 'j', 'm', 'n', 's', 't', 'c', 'qu', 'jusqu', 'lorsqu', 'puisqu', 'quoiqu',
  'ai', 'as', 'es', 'suis', 'sommes', 'êtes', 'étais', 'étaient', 'avait', 'avaient',
  'soit', 'sont', 'ça', 'ci', 'là', 'quel', 'quelle', 'quels', 'quelles', 'ceci', 'cela',
]);

// Function words that elide before a vowel: "le avion" is written l’avion (or l'avion).
export const ELIDING = { le: 'l', la: 'l', de: 'd', que: 'qu', ne: 'n', se: 's', ce: 'c',
  je: 'j', me: 'm', te: 't', jusque: 'jusqu', lorsque: 'lorsqu', puisque: 'puisqu' };

export const VOWEL_START = /^[aeiouyàâäéèêëîïôöùûüœæ]/;

// Lowercase, strip combining marks, expand ligatures: "Économie" → "economie".
export function fold(s) {
  return s.toLowerCase().normalize('NFD').replace(/\p{M}+/gu, '')
    .replace(/œ/g, 'oe').replace(/æ/g, 'ae');
}

const ELIDED = new Set(['l', 'd', 'j', 'm', 'n', 's', 't', 'c', 'qu', 'jusqu', 'lorsqu', 'puisqu', 'quoiqu']);

// Words of a text, lowercased, with their character offsets [word, start, end]. An elided
// article or pronoun is a word of its own (l’économie → "l", "économie"), as a French
// analyzer splits it; other apostrophes stay inside the word (aujourd’hui), and hyphenated
// compounds fall apart (États-Unis → "états", "unis"), as ICU's word break does.
// Usage: for (const [word, start, end] of words(text)) …
export function* words(text) {
  const re = /\p{L}+(?:['’]\p{L}+)*/gu;
  let m;
  while ((m = re.exec(text)) !== null) {
    let w = m[0].toLowerCase();
    let start = m.index;
    const apos = w.search(/['’]/);
    if (apos > 0 && ELIDED.has(w.slice(0, apos))) {
      yield [w.slice(0, apos), start, start + apos];
      w = w.slice(apos + 1);
      start += apos + 1;
    }
    yield [w, start, start + w.length];
  }
}
