/**
 * Things a follow-up can switch between ("那水泥呢？"): sectors, products and equipment. Longer names
 * first, so "水泥熟料" is found before "水泥".
 */
export const TOPIC_TERMS = [
  "水泥熟料",
  "煤制烯烃",
  "合成氨",
  "纯碱",
  "电弧炉",
  "熟料",
  "水泥",
  "烯烃",
  "钢铁",
  "建材",
  "化工",
  "装备制造",
  "电子信息",
  "有色",
  "铸造",
  "玻璃",
  "陶瓷",
  "电机",
  "变压器",
  "锅炉",
  "窑炉",
  "风机",
  "水泵",
  "压缩机",
  "空压机",
  "光伏",
  "储能",
  "氢能",
  "绿电",
  "余热余压",
  "动力电池",
  "固废",
  "再制造",
  "绿色工厂",
  "绿色园区",
  "绿色供应链",
  "绿色设计产品",
  "清洁生产",
  "专精特新",
].sort((a, b) => b.length - a.length);

export function findTopic(text: string): string | null {
  return TOPIC_TERMS.find((term) => text.includes(term)) ?? null;
}
