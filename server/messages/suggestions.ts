/**
 * "猜你想问": the follow-up questions offered under an answer (gathered in server/messages.ts). Each
 * names a unit of the plan by its own title, so that it reads the same asked anywhere in a conversation.
 */
export const suggestions = {
  /** Who answers for a measure. */
  responsible: (title: string) => `“${title}”由哪个部门牵头？`,
  /** What a clause says. */
  clause: (title: string) => `“${title}”有哪些要求？`,
  /** The items of a part, a section, a 专栏 or an industry's paths. */
  list: (title: string) => `“${title}”包括哪些内容？`,
  /** One path of an industry in 三、重点行业实施路径 (产能控制, 技术创新, …). */
  sectorPath: (industry: string, path: string) => `${industry}的“${path}”路径有哪些措施？`,
  sectorBenchmarks: (industry: string) => `${industry}重点产品的能效标杆值是多少？`,
  sectorTarget: (industry: string) => `${industry}的总体实施目标是什么？`,
} as const;
