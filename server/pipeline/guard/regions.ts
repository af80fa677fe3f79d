import type { ScopeFile } from "./scopeVocabulary.js";

/**
 * A question about another place's plan or policy ("芜湖市工业领域碳达峰实施方案", "你们能回答上海的政策吗"):
 * a place of the vocabulary followed, within one clause, by a word for a plan or policy, or named in a
 * question about what the assistant covers. 淮南 and its counties are removed first; the province's and
 * the nation's plans, which this plan follows, count only when the message neither names 淮南 nor asks
 * how this plan follows them. A place whose document the knowledge base holds (its name in a title) is
 * covered, not another place.
 */
type Regions = ScopeFile["regions"];

export interface Place {
  zh: string;
  en: string;
}

interface Group {
  superior: boolean;
  zh: RegExp[];
  en: RegExp[];
  byName: Map<string, Place>;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const alternatives = (names: string[]) =>
  [...names]
    .sort((a, b) => b.length - a.length)
    .map(escape)
    .join("|");
const clause = (n: number) => `[^,.!?;:。、\\n]{0,${n}}`;

export class RegionDetector {
  private readonly home: { zh: RegExp; en: RegExp };
  private readonly basis: { zh: RegExp; en: RegExp };
  private readonly groups: Group[];

  constructor(regions: Regions, coveredTitles: string[] = []) {
    this.home = {
      zh: new RegExp(alternatives(regions.home.zh), "gu"),
      en: new RegExp(`\\b(${alternatives(regions.home.en)})\\b`, "giu"),
    };
    this.basis = { zh: new RegExp(regions.basis.zh, "iu"), en: new RegExp(regions.basis.en, "iu") };
    const { window, asksCoverage } = regions;
    const covered = (place: { zh: string[] }) =>
      coveredTitles.some((title) => place.zh.some((name) => title.includes(name)));
    const groups = regions.groups
      .map((group) => ({ ...group, places: group.places.filter((place) => !covered(place)) }))
      .filter((group) => group.places.length > 0);
    this.groups = groups.map((group) => {
      const nouns = group.nouns ?? regions.policyNouns;
      const zhNames = `(${alternatives(group.places.flatMap((p) => p.zh))})`;
      const enNames = `\\b(${alternatives(group.places.flatMap((p) => p.en))})\\b`;
      const byName = new Map<string, Place>();
      for (const p of group.places) {
        const place = { zh: p.zh[0]!, en: capitalise(p.en[0]!) };
        for (const name of [...p.zh, ...p.en]) byName.set(name.toLowerCase(), place);
      }
      return {
        superior: group.superior ?? false,
        byName,
        zh: [
          new RegExp(`${zhNames}${clause(window.zh)}${nouns.zh}`, "iu"),
          new RegExp(`${asksCoverage.zh}${clause(8)}${zhNames}`, "iu"),
        ],
        en: [
          new RegExp(`${enNames}.{0,${window.en}}${nouns.en}`, "iu"),
          new RegExp(`${nouns.en}.{0,25}${enNames}`, "iu"),
          new RegExp(`${asksCoverage.en}.{0,20}${enNames}`, "iu"),
        ],
      };
    });
  }

  /** The other place the message asks about, or null. */
  otherPlace(forms: { zh: string; en: string }): Place | null {
    const zh = forms.zh.replace(this.home.zh, "■");
    const en = forms.en.replace(this.home.en, " ■ ");
    const aboutThisPlan =
      zh !== forms.zh || en !== forms.en || this.basis.zh.test(forms.zh) || this.basis.en.test(forms.en);
    for (const group of this.groups) {
      if (group.superior && aboutThisPlan) continue;
      for (const [text, patterns] of [
        [zh, group.zh],
        [en, group.en],
      ] as const) {
        for (const pattern of patterns) {
          const match = pattern.exec(text);
          const name = match?.slice(1).find((part) => part && group.byName.has(part.toLowerCase()));
          if (name) return group.byName.get(name.toLowerCase())!;
        }
      }
    }
    return null;
  }
}

function capitalise(name: string): string {
  return name.replace(
    /(^|[\s-])(\p{L})/gu,
    (_, before: string, letter: string) => before + letter.toUpperCase(),
  );
}
