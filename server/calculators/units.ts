/**
 * Units the calculators accept, with their size in the base unit of their quantity. These are
 * definitions (1 万 = 10^4, 1 t = 1000 kg), not reviewed data, so they live in code.
 */
export type UnitQuantity = "mass" | "volume" | "heat" | "electricity" | "standard_coal";

export const baseUnit: Record<UnitQuantity, string> = {
  mass: "kg",
  volume: "m3",
  heat: "MJ",
  electricity: "kWh",
  standard_coal: "kgce",
};

const unitTable: Record<UnitQuantity, Record<string, number>> = {
  mass: {
    kg: 1,
    千克: 1,
    公斤: 1,
    t: 1e3,
    吨: 1e3,
    公吨: 1e3,
    万吨: 1e7,
    万t: 1e7,
    kt: 1e6,
    千吨: 1e6,
    亿吨: 1e11,
  },
  volume: {
    m3: 1,
    nm3: 1,
    立方米: 1,
    标准立方米: 1,
    标立方米: 1,
    方: 1,
    标方: 1,
    万m3: 1e4,
    万nm3: 1e4,
    万立方米: 1e4,
    万标立方米: 1e4,
    万方: 1e4,
    万标方: 1e4,
    亿m3: 1e8,
    亿立方米: 1e8,
    亿方: 1e8,
  },
  heat: { mj: 1, 兆焦: 1, gj: 1e3, 吉焦: 1e3, 百万千焦: 1e3, 万gj: 1e7, 万吉焦: 1e7, tj: 1e6 },
  electricity: {
    kwh: 1,
    千瓦时: 1,
    度: 1,
    千瓦小时: 1,
    mwh: 1e3,
    兆瓦时: 1e3,
    gwh: 1e6,
    万kwh: 1e4,
    万千瓦时: 1e4,
    万度: 1e4,
    亿kwh: 1e8,
    亿千瓦时: 1e8,
    亿度: 1e8,
  },
  standard_coal: {
    kgce: 1,
    千克标准煤: 1,
    公斤标准煤: 1,
    千克标煤: 1,
    公斤标煤: 1,
    kg标煤: 1,
    tce: 1e3,
    吨标准煤: 1e3,
    吨标煤: 1e3,
    t标煤: 1e3,
    万tce: 1e7,
    万吨标准煤: 1e7,
    万吨标煤: 1e7,
  },
};

/** Lower-cases Latin letters and drops spaces, dots and the superscript, so "kW·h", "KWH" and "m³" match. */
export function normalizeUnit(unit: string): string {
  return unit
    .normalize("NFKC")
    .replace(/[\s·.•・]/g, "")
    .replace(/³/g, "3")
    .replace(/[A-Za-z]+/g, (s) => s.toLowerCase());
}

/** Size of `unit` in the base unit of `quantity`, or undefined when the unit does not measure it. */
export function unitFactor(quantity: UnitQuantity, unit: string): number | undefined {
  return unitTable[quantity][normalizeUnit(unit)];
}

/** The units accepted for a quantity, for error messages. */
export function acceptedUnits(quantity: UnitQuantity): string[] {
  return Object.keys(unitTable[quantity]);
}

/** Which quantity a unit measures, if any. */
export function quantityOfUnit(unit: string): UnitQuantity | undefined {
  const u = normalizeUnit(unit);
  return (Object.keys(unitTable) as UnitQuantity[]).find((q) => unitTable[q][u] !== undefined);
}

/** Heating values: MJ per kg (for mass carriers) or per m3 (for gases). */
const perMass = ["kg", "千克", "公斤"];
const perVolume = ["m3", "nm3", "立方米", "标方", "方"];
const energyPerUnit: Record<string, number> = {
  mj: 1,
  兆焦: 1,
  kj: 1e-3,
  千焦: 1e-3,
  kcal: 4.1868e-3,
  大卡: 4.1868e-3,
  千卡: 4.1868e-3,
};
const heatingValueTable: Record<string, { perQuantity: "mass" | "volume"; mjPerBase: number }> = {
  "gj/t": { perQuantity: "mass", mjPerBase: 1 },
  "吉焦/吨": { perQuantity: "mass", mjPerBase: 1 },
  ...Object.fromEntries(
    Object.entries(energyPerUnit).flatMap(([e, mj]) => [
      ...perMass.map((per) => [`${e}/${per}`, { perQuantity: "mass" as const, mjPerBase: mj }]),
      ...perVolume.map((per) => [`${e}/${per}`, { perQuantity: "volume" as const, mjPerBase: mj }]),
    ]),
  ),
};

export function heatingValueUnit(
  unit: string,
): { perQuantity: "mass" | "volume"; mjPerBase: number } | undefined {
  return heatingValueTable[normalizeUnit(unit)];
}

export function acceptedHeatingValueUnits(): string[] {
  return Object.keys(heatingValueTable);
}

/** Grams of standard coal, which only a factor per kWh is written in ("300克标准煤/千瓦时"). */
const gramsOfStandardCoal: Record<string, number> = { gce: 1e-3, 克标准煤: 1e-3, 克标煤: 1e-3 };

/**
 * A conversion factor's unit (折标系数): standard coal over a unit of mass, volume, heat or
 * electricity, written with "/" or "每" ("kgce/m3", "吨标准煤/吨", "千克标煤每立方米", "克标准煤/千瓦时").
 * Gives what it measures per and its size in kgce per base unit of that quantity.
 */
export function conversionFactorUnit(
  unit: string,
): { perQuantity: Exclude<UnitQuantity, "standard_coal">; kgcePerBase: number } | undefined {
  const [top, bottom, ...rest] = normalizeUnit(unit).split(/[/每]/);
  if (!top || !bottom || rest.length) return undefined;
  const numerator = unitTable.standard_coal[top] ?? gramsOfStandardCoal[top];
  if (numerator === undefined) return undefined;
  for (const perQuantity of ["mass", "volume", "heat", "electricity"] as const) {
    const size = unitTable[perQuantity][bottom];
    if (size !== undefined) return { perQuantity, kgcePerBase: numerator / size };
  }
  return undefined;
}

/** Conversion-factor units accepted per quantity, for error messages (any standard-coal unit over any unit of it). */
export function acceptedFactorUnits(quantity: Exclude<UnitQuantity, "standard_coal">): string[] {
  return [`kgce/${baseUnit[quantity]}`, `千克标准煤/${baseUnit[quantity]}`];
}
