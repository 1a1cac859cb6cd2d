// Parameters of NLTK's pre-trained English Punkt model (nltk_data `punkt_tab/english`, the model
// `PunktTokenizer()` loads): the abbreviation types, the frequent sentence starters and the
// collocations, complete. The orthographic-context table (about 24,000 word types) is not shipped:
// see `punkt.ts` for the rule that stands in for it and README.md for what that costs.

/** Abbreviation types (lowercase, without the final period). */
export const PUNKT_ABBREVIATIONS: ReadonlySet<string> = new Set(
  (
    'ct m.j t a.c n.h ms p.a.m dr pa p.m u.k st dec u.s.a lt g.k adm p h.m ga tenn yr sen n.c j.j d.h s.g inc vs ' +
    's.p.a a.t n feb sr jan s.a.y n.y col g.f c.o.m.b d ft va r.k e.f chg r.i a.g minn a.h k n.j m l.f f.j gen ' +
    'i.m.s s.a aug j.p okla m.d.c ltd oct s vt r.a j.c ariz w.w b.v ore h w.r e.h mrs cie corp w n.v a.d r.j ok ' +
    'e.m w.c ill nov u.s prof conn u.s.s.r mg f.g ph.d g calif messrs h.f wash tues sw bros u.n l wis mr sep d.c ' +
    'ave e.l co s.s reps c r.t h.c r wed a.s v fla jr r.h c.v m.b.a rep a.a e c.i.t l.a b.f j.b d.w j.k ala f ' +
    'w.va sept mich n.m j.r l.p s.c colo fri a.m g.d kan maj ky a.m.e n.d t.j cos nev'
  )
    // The model also lists ". ." (a spaced ellipsis), which no single token can equal; left out.
    .split(' '),
);

/** Words that frequently start sentences (lowercase). */
export const PUNKT_SENTENCE_STARTERS: ReadonlySet<string> = new Set(
  (
    'most he since so both these it nevertheless this indeed however instead under similarly some though while ' +
    'when in despite although nonetheless thus there if the nor separately moreover but they yet many according ' +
    'sales among meanwhile even i'
  ).split(' '),
);

/** Known collocations `(type before the period, type after it)`, as `"a b"`: the period there is not a break. */
export const PUNKT_COLLOCATIONS: ReadonlySet<string> = new Set(
  [
    'international',
    'rj',
    'commodities',
    'cooper',
    'genentech',
    'wedgestone',
    'pepper',
    'insider',
    'aes',
    'credit',
    'corrections',
    'financing',
    'henley',
    'business',
    'pay-fone',
    'leisure',
    'pegasus',
    'dividend',
    'review',
    'abreast',
    'who',
    'letters',
    'colgate',
    'cbot',
    'notable',
    'zimmer',
  ]
    .map((word) => `##number## ${word}`)
    .concat([
      'b stewart',
      'i toussie',
      'j fialka',
      'o ludcke',
      'i magnin',
      'b wigton',
      'b edelman',
      'b levine',
      'b smith',
      'j walter',
      'j aron',
    ]),
);
