import type { Intent } from "../context.js";

const MONEY_SERVICES =
  /补贴|补助|资金|奖励|奖补|扶持|贷款|信贷|融资|金融|税|钱|申报|申请|服务机构|咨询|诊断|托管|合同能源管理|第三方|培训/;
const ENTERPRISE =
  /(我们|我厂|我司|我公司|本厂|本企业|咱们|我家|我是做|我是搞|我这厂|俺们)|(企业|工厂|厂里|厂子|小厂).{0,8}(能做|可以做|适用|该做|要做|怎么做|怎么办|咋办|有哪些|改造|升级)/;
const CALCULATION =
  /达标|差距|差多少|算一?算|计算|对标|标杆|基准|节能量|节约多少|省多少|回收期|多少年回本|能耗是|单耗/;

/** `tool` is the calculator the message was read for, if any; `asksWho`: the question forms ask for an actor. */
export function classifyIntent(question: string, tool: string | null, asksWho = false): Intent {
  if (tool === "benchmark_lookup") return "benchmark_lookup";
  if (tool) return "calculation";
  if (asksWho) return "responsible_unit";
  if (MONEY_SERVICES.test(question)) return "money_services";
  if (ENTERPRISE.test(question)) return "enterprise_advice";
  if (CALCULATION.test(question) && /\d/.test(question)) return "calculation";
  return "plan_fact";
}
