import * as z from "zod";
import { messages } from "../messages.js";
import type { Carrier, CalculatorData } from "./data.js";
import { CalculatorInputError } from "./errors.js";
import { fmtExact } from "./format.js";
import { normalizeName } from "./resolveProduct.js";
import {
  acceptedFactorUnits,
  acceptedHeatingValueUnits,
  acceptedUnits,
  baseUnit,
  conversionFactorUnit,
  heatingValueUnit,
  quantityOfUnit,
  unitFactor,
  type UnitQuantity,
} from "./units.js";

const m = messages.calculators;

/** One line of "what the plant used": shared by the conversion, CO2 and benchmark-gap calculators. */
export const energyItemSchema = z.object({
  carrier: z
    .string()
    .trim()
    .min(1)
    .max(30)
    .describe("能源品种，如 原煤、电力、天然气、蒸汽、热力、柴油、焦炭、洗精煤；已折标的总量写 标准煤"),
  amount: z.number().positive().describe("用量（正数），单位见 unit"),
  unit: z
    .string()
    .trim()
    .min(1)
    .max(20)
    .describe("用量单位，如 吨、万吨、kg、kWh、万千瓦时、亿度、m3、万立方米、GJ、MJ、吨标准煤"),
  heatingValue: z
    .object({
      value: z.number().positive().describe("实测低位发热量数值"),
      unit: z.string().trim().min(1).describe("发热量单位，如 MJ/kg、kJ/kg、kcal/kg、MJ/m3、kJ/m3"),
    })
    .optional()
    .describe("实测低位发热量（可选）；给出时代替参考折标系数，焦炉煤气、发生炉煤气必须给出"),
  factor: z
    .object({
      value: z.number().positive().describe("折标系数数值"),
      unit: z
        .string()
        .trim()
        .min(1)
        .describe("折标系数单位：标准煤单位/用量单位，如 kgce/m3、kgce/kg、千克标准煤/千瓦时、吨标准煤/吨"),
    })
    .optional()
    .describe("用户给定的折标系数（可选）；给出时代替参考折标系数和实测发热量，只用于折标准煤"),
});
export type EnergyItem = z.infer<typeof energyItemSchema>;

export const electricityOptions = {
  electricityBasis: z
    .enum(["heat_content", "primary_energy"])
    .optional()
    .describe(
      "电力折标口径：heat_content 当量值（默认，0.1229 kgce/kWh）；primary_energy 等价值（须同时给出 electricityPrimaryFactor）",
    ),
  electricityPrimaryFactor: z
    .number()
    .positive()
    .max(1)
    .optional()
    .describe("电力等价值折标系数，kgce/kWh，由用户按当地口径提供（未查到全国统一的等价值）"),
};

export const gridFactorOption = {
  gridFactorId: z
    .string()
    .trim()
    .min(1)
    .optional()
    .describe(
      "电网排放因子编号，如 grid-national-2023（2023年全国平均，默认）、grid-national-2022、grid-carbon-market-2022",
    ),
  gridFactorValue: z
    .number()
    .positive()
    .max(2)
    .optional()
    .describe(
      "用户给定的电网排放因子（可选），千克二氧化碳/千瓦时（与吨二氧化碳/兆瓦时数值相同），如 0.5703；给出时代替 gridFactorId",
    ),
};

/** Carriers that are already standard coal: a total given in tce. */
export const standardCoalCarrier = {
  id: "standard-coal",
  aliases: ["标准煤", "标煤", "折标煤", "综合能耗", "能耗", "tce", "kgce"],
} as const;

export type ResolvedCarrier = { kind: "standard_coal" } | { kind: "carrier"; carrier: Carrier };

export function findCarrier(
  name: string,
  data: Pick<CalculatorData, "carriers">,
): ResolvedCarrier | undefined {
  const n = normalizeName(name);
  if (n === standardCoalCarrier.id || standardCoalCarrier.aliases.some((a) => normalizeName(a) === n)) {
    return { kind: "standard_coal" };
  }
  const carrier = data.carriers.find(
    (c) => c.id === n || c.name === n || c.aliases.some((a) => normalizeName(a) === n),
  );
  return carrier ? { kind: "carrier", carrier } : undefined;
}

export function carrierNames(data: Pick<CalculatorData, "carriers">): string[] {
  return [...data.carriers.map((c) => c.name), "标准煤"];
}

/** An energy line read against the data: which carrier, what quantity, how much in the base unit. */
export interface MeasuredItem {
  index: number;
  item: EnergyItem;
  resolved: ResolvedCarrier;
  /** name to show */
  name: string;
  quantity: UnitQuantity;
  /** amount in the base unit of `quantity` (kg, m3, MJ, kWh, kgce) */
  base: number;
  baseUnit: string;
  /** measured heating value in MJ per kg or per m3, if given */
  heatingValueMj: number | null;
  /** the conversion factor the user gave, in kgce per base unit, if any */
  givenFactor: number | null;
}

/** Largest conversion factor taken as given, kgce per kg, m3, kWh or MJ: hydrogen, the richest fuel, is about 4.1 kgce/kg. */
export const MAX_GIVEN_FACTOR = 5;

/** How a result line names what was measured: the carrier (or standard coal itself) and the amount as given. */
export function measuredLine(measured: MeasuredItem) {
  return {
    carrier: {
      id: measured.resolved.kind === "carrier" ? measured.resolved.carrier.id : "standard-coal",
      name: measured.name,
    },
    amount: measured.item.amount,
    unit: measured.item.unit,
  };
}

/**
 * The most one line can plausibly hold for one enterprise in a year, in the base unit of its quantity:
 * each is about 1亿 tce or more (1亿 t of coal is 7,143万 tce; 1000亿 m³ of gas, 30亿 GJ of heat and
 * 1万亿 kWh are each over 1亿 tce), far beyond what any single plant uses. More is taken for a slip of
 * the unit (吨 for 万吨, 万 twice).
 */
export const MAX_PER_LINE: Record<UnitQuantity, { base: number; shown: string }> = {
  mass: { base: 1e11, shown: "1亿吨" },
  volume: { base: 1e11, shown: "1000亿立方米" },
  heat: { base: 3e12, shown: "30亿GJ" },
  electricity: { base: 1e12, shown: "1万亿千瓦时" },
  standard_coal: { base: 1e11, shown: "1亿吨标准煤" },
};

/** Checks carrier, unit, amount and heating value of each line; throws naming the field at fault. */
export function measureItems(
  items: EnergyItem[],
  data: Pick<CalculatorData, "carriers">,
  fieldPrefix = "energy",
): MeasuredItem[] {
  return items.map((item, index) => {
    const field = `${fieldPrefix}.${index}`;
    const resolved = findCarrier(item.carrier, data);
    if (!resolved) {
      throw new CalculatorInputError(
        "unknown_carrier",
        `${field}.carrier`,
        m.errors.unknownCarrier(item.carrier, carrierNames(data)),
        { accepted: carrierNames(data) },
      );
    }
    const quantity = quantityFor(resolved, item.unit);
    if (!quantity) {
      const expected = expectedQuantities(resolved).flatMap(acceptedUnits);
      throw new CalculatorInputError(
        "unknown_unit",
        `${field}.unit`,
        m.errors.unknownUnit(item.unit, expected),
        {
          accepted: expected,
        },
      );
    }
    // "12万吨" of 标准煤 means 12万 tce, so a mass unit counts as kg of standard coal.
    const size =
      resolved.kind === "standard_coal"
        ? (unitFactor("standard_coal", item.unit) ?? unitFactor("mass", item.unit))
        : unitFactor(quantity, item.unit);
    const base = item.amount * (size ?? Number.NaN);
    const name = resolved.kind === "carrier" ? resolved.carrier.name : "标准煤";
    const max = MAX_PER_LINE[quantity];
    if (base > max.base) {
      throw new CalculatorInputError(
        "implausible_value",
        `${field}.amount`,
        m.errors.implausibleAmount(name, `${fmtExact(item.amount)} ${item.unit}`, max.shown),
        { max: max.shown },
      );
    }
    return {
      index,
      item,
      resolved,
      name,
      quantity,
      base,
      baseUnit: baseUnit[quantity],
      heatingValueMj: heatingValueFor(item, quantity, `${field}.heatingValue`),
      givenFactor: givenFactorFor(item, quantity, name, `${field}.factor`),
    };
  });
}

function expectedQuantities(resolved: ResolvedCarrier): UnitQuantity[] {
  if (resolved.kind === "standard_coal") return ["standard_coal"];
  const c = resolved.carrier;
  if (c.id === "steam") return ["mass", "heat"];
  return [c.quantity];
}

function quantityFor(resolved: ResolvedCarrier, unit: string): UnitQuantity | undefined {
  const q = quantityOfUnit(unit);
  if (!q) return undefined;
  if (resolved.kind === "standard_coal") {
    return q === "standard_coal" || q === "mass" ? "standard_coal" : undefined;
  }
  return expectedQuantities(resolved).includes(q) ? q : undefined;
}

function heatingValueFor(item: EnergyItem, quantity: UnitQuantity, field: string): number | null {
  if (!item.heatingValue) return null;
  const hv = heatingValueUnit(item.heatingValue.unit);
  if (!hv || hv.perQuantity !== quantity) {
    const accepted = acceptedHeatingValueUnits().filter((u) => heatingValueUnit(u)?.perQuantity === quantity);
    throw new CalculatorInputError(
      "unknown_unit",
      `${field}.unit`,
      m.errors.unknownHeatingValueUnit(item.heatingValue.unit, accepted),
      { accepted },
    );
  }
  return item.heatingValue.value * hv.mjPerBase;
}

/** A factor the user gave, in kgce per base unit; refused when it is per another quantity or beyond any fuel. */
function givenFactorFor(
  item: EnergyItem,
  quantity: UnitQuantity,
  name: string,
  field: string,
): number | null {
  if (!item.factor) return null;
  const unit = conversionFactorUnit(item.factor.unit);
  if (!unit || quantity === "standard_coal" || unit.perQuantity !== quantity) {
    const accepted = quantity === "standard_coal" ? [] : acceptedFactorUnits(quantity);
    throw new CalculatorInputError(
      "unknown_unit",
      `${field}.unit`,
      m.errors.unknownFactorUnit(item.factor.unit, name, accepted),
      { accepted },
    );
  }
  const value = item.factor.value * unit.kgcePerBase;
  if (value > MAX_GIVEN_FACTOR) {
    throw new CalculatorInputError(
      "implausible_value",
      `${field}.value`,
      m.errors.implausibleFactor(name, `${fmtExact(item.factor.value)} ${item.factor.unit}`),
      { max: MAX_GIVEN_FACTOR },
    );
  }
  return Number(value.toPrecision(15));
}
