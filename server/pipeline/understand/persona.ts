/**
 * A guess at who is asking, for the staff console's filters; in answers it only decides whether
 * measures are offered as "您的企业"'s (to someone who spoke of their own plant) or as enterprises'.
 * Bureau staff write about departments and documents, service providers about clients and proposals,
 * enterprises about their own plant.
 */
export type Persona = "staff" | "provider" | "sme" | "public";

const STAFF = /我们局|局里|经信局|县区|区县|部门|公文|文件精神|调度|考核|督办|答复群众|来电|咨询电话|群众问/;
const PROVIDER =
  /客户|节能服务|服务公司|咨询公司|方案编制|编制方案|项目申报书|可研|合同能源管理项目|我们公司为|帮企业|给企业/;
const ENTERPRISE =
  /我们厂|我厂|本厂|我们企业|我们公司|我司|我们是做|我们做|我们的(生产线|产线|窑|炉|电机|设备)|厂里|车间|我家|我们(吨|年产|每年|一年|的产量)/;

/** Asking which department is responsible is what anyone asks; it does not make the asker staff. */
const ASKS_WHICH_UNIT = /(哪个|哪些|哪一个|哪家|什么|啥)(部门|单位)/g;

export function guessPersona(question: string): Persona {
  if (STAFF.test(question.replace(ASKS_WHICH_UNIT, ""))) return "staff";
  if (PROVIDER.test(question)) return "provider";
  if (ENTERPRISE.test(question)) return "sme";
  return "public";
}

/** The latest message decides when it shows who is asking; otherwise what was said earlier in the conversation. */
export function personaOf(history: string[], message: string): Persona {
  const now = guessPersona(message);
  return now !== "public" ? now : guessPersona(history.join("\n"));
}
