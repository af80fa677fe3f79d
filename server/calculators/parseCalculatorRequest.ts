import type { CalculatorData } from "./data.js";
import { findTool, type ToolName } from "./registry.js";
import { readBenchmarkGap } from "./reading/benchmarkGap.js";
import {
  isYear,
  massRole,
  type ParsedCalculatorRequest,
  type PreviousRequest,
  type Scan,
} from "./reading/context.js";
import { readEnergyConvert } from "./reading/energy.js";
import { readMotor, readVsd } from "./reading/equipment.js";
import { readIntensity } from "./reading/intensity.js";
import { findProduct, type ProductMatch } from "./reading/product.js";
import { normalizeMessage, scanQuantities } from "./scanQuantities.js";

export type { MissingInput, ParsedCalculatorRequest, PreviousRequest } from "./reading/context.js";

// Which calculator a message is for, by its words.
const cues = {
  intensity: /增加值能耗|单位增加值|万元增加值|能耗强度|增加值/,
  vsd: /变频/,
  vsdEquipment: /风机|水泵|泵/,
  motor: /电机|电动机|马达/,
  benchmark: /达标|标杆|基准|对标|差距|差多少|先进水平|领跑|吨\S{0,4}能耗|单耗|单位产品/,
  convert: /折标|折合|折算|标准煤|标煤|二氧化碳|碳排放|排放|co2|排碳/i,
};

const CALCULATE =
  /达标|差多少|差距|算一下|计算|测算|能省|省多少|节约多少|节电多少|节能多少|回收期|够不够|完成.{0,8}目标|达到.{0,8}吗/;

function detectTool(scan: Scan, product: ProductMatch | null): ToolName | null {
  const t = scan.text;
  if (cues.intensity.test(t)) return "intensity_target";
  if (cues.vsd.test(t) && cues.vsdEquipment.test(t)) return "vsd_savings";
  if (cues.motor.test(t)) return "motor_upgrade";
  const hasUc = scan.quantities.some((x) => x.kind === "unit_consumption" || x.kind === "kgce");
  if (product || cues.benchmark.test(t) || hasUc) return "benchmark_gap";
  const hasEnergy = scan.quantities.some((x) =>
    ["electricity", "volume", "heat", "tce", "mass"].includes(x.kind),
  );
  if (hasEnergy && cues.convert.test(t)) return "energy_convert";
  return null;
}

/**
 * Reads a Chinese message as calculator input. Returns null when the message is not a calculation
 * request. `previous` lets a follow-up ("轻质的", "含原料用能", "年产100万吨") complete an earlier request.
 */
export function parseCalculatorRequest(
  message: string,
  data: CalculatorData,
  previous: PreviousRequest | null = null,
): ParsedCalculatorRequest | null {
  const text = normalizeMessage(message);
  const scan: Scan = { text, quantities: scanQuantities(text), data };
  const capacity = scan.quantities.find((x) => x.kind === "mass" && massRole(scan, x).kind === "capacity");
  const product = findProduct(scan, capacity ? capacity.value / 1000 : null);
  // Without any figure, only a request to calculate counts ("达标了吗", "能省多少"); "标杆值是多少" is a lookup.
  const figures = scan.quantities.filter((x) => !isYear(scan, x));
  if (figures.length === 0 && !previous && !CALCULATE.test(text)) return null;
  let tool = detectTool(scan, product);
  if (!tool && previous && findTool(previous.tool)) tool = previous.tool as ToolName;
  if (!tool) return null;
  const prev = previous && previous.tool === tool ? previous : null;
  const parsed =
    tool === "benchmark_gap"
      ? readBenchmarkGap(scan, prev)
      : tool === "energy_convert"
        ? readEnergyConvert(scan)
        : tool === "motor_upgrade"
          ? readMotor(scan, prev)
          : tool === "vsd_savings"
            ? readVsd(scan, prev)
            : readIntensity(scan, prev);
  const schema = findTool(tool)!.schema;
  const complete = parsed.missing.length === 0 && schema.safeParse(parsed.input).success;
  return { ...parsed, notes: [...new Set(parsed.notes)], complete };
}
