/** The knowledge surface's sentences (gathered in server/messages.ts). */
export const knowledge = {
  unitNotFound: (id: string) => `知识库中没有编号为“${id}”的条目。`,
} as const;
