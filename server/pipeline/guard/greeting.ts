const GREETING =
  /^(你好|您好|嗨|哈喽|hi|hello|hey|在吗|在不在|早上好|下午好|晚上好|谢谢|多谢|感谢|thanks?|thank you)[呀啊！!。.~，, ]*$/i;
const HELP =
  /^(你(能|可以|会)(帮我)?(做|干)(什么|啥)|你是谁|怎么用|如何使用|使用说明|帮助|help|能帮我(做)?(什么|啥)|有什么功能|你有什么用)[？?。！!]*$/i;

const HOW_TO_USE =
  /^(你好|您好)?[，,！! ]*(这个|本)?(助手|系统|机器人|你)(该|要)?(怎么|如何|咋)(用|使用|提问)[？?。！!]*$/;

export function isGreetingOrHelp(message: string): boolean {
  const text = message.trim();
  if (HOW_TO_USE.test(text)) return true;
  return (
    GREETING.test(text) ||
    HELP.test(text) ||
    /^(你好|您好)[，,！!]?\s*(你(能|可以)(帮我)?(做|干)(什么|啥)|你是谁)[？?]*$/.test(text)
  );
}
