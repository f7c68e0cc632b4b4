import { scoreOne } from "../../core/score-batch.ts";
import type { Message, Reward, RewardResult, Rollout } from "../../core/types.ts";
import { LabRandom } from "../random.ts";
import type { Env, StepResult } from "./env.ts";

const CITIES = ["Lisbon", "Oslo", "Quito", "Hanoi", "Perth", "Nairobi", "Denver", "Riga"];

/** The assistant moves of the tool-use task, one per action index. */
export const TOOL_USE_ACTIONS = [
  "call weather(asked city)",
  "call weather(another city)",
  "call to_celsius(last number)",
  "answer(last number)",
  "answer(I don't know)",
] as const;

/** Options of the tool-use text environment. */
export interface ToolUseOptions {
  /**
   * The rewardkit reward that scores the finished conversation (reference = the right Celsius value); it
   * must be synchronous (a rule, not a judge). Its score is the episode's final reward; a `null` score or an
   * error ends the episode with reward 0 and the result in `info.result`.
   */
  reward: Reward;
  /** Turns before truncation (default 6). */
  maxSteps?: number;
}

/**
 * A multi-turn tool-use text environment whose steps are rewardkit rollouts: the user asks for a city's
 * temperature in Celsius; the assistant may call `weather(city)` (Fahrenheit), `to_celsius(f)`, or answer.
 * Each step appends the assistant's tool call and the tool's reply to the chat; the answer ends the episode
 * and the conversation, as a `Rollout` with the right value as `reference`, is scored by the given rewardkit
 * reward. Observation: 0 = nothing known, 1 = Fahrenheit of the asked city known, 2 = Celsius known,
 * 3 = a wrong city's value known. `info.rollout` carries the rollout so far, for step-level rewards.
 * (Multi-turn agentic RL with turn-level rewards: arXiv 2510.01132)
 * @example const env = toolUseEnv({ reward }); env.reset(1); env.step(0).info.events // ["weather"]
 */
export function toolUseEnv(o: ToolUseOptions): Env<number, number> & { rollout(): Rollout } {
  const maxSteps = o.maxSteps ?? 6;
  let city = "";
  let fahrenheit = 0;
  let messages: Message[] = [];
  let lastNumber: number | null = null;
  let phase = 0;
  let t = 0;
  const celsius = () => Math.round(((fahrenheit - 32) * 5) / 9);
  const prompt = (): Message[] => [
    { role: "user", content: `What is the temperature in ${city} right now, in whole degrees Celsius?` },
  ];
  const rollout = (): Rollout => ({ prompt: prompt(), completion: messages, reference: String(celsius()) });
  const call = (name: string, args: Record<string, unknown>, result: string) => {
    const id = `call_${t}`;
    messages.push({
      role: "assistant",
      content: "",
      tool_calls: [{ id, type: "function", function: { name, arguments: JSON.stringify(args) } }],
    });
    messages.push({ role: "tool", tool_call_id: id, content: result });
  };
  return {
    id: "tool-use",
    observationSpace: { kind: "discrete", n: 4 },
    actionSpace: { kind: "discrete", n: TOOL_USE_ACTIONS.length },
    maxSteps,
    rollout,
    reset(seed: number) {
      const rand = new LabRandom(seed);
      city = CITIES[rand.int(CITIES.length)]!;
      fahrenheit = 40 + rand.int(50);
      messages = [];
      lastNumber = null;
      phase = 0;
      t = 0;
      return { observation: 0, info: {} };
    },
    step(a: number): StepResult<number> {
      t++;
      const events: string[] = [];
      let done = false;
      if (a === 0) {
        call("weather", { city }, `${fahrenheit} F`);
        lastNumber = fahrenheit;
        phase = 1;
        events.push("weather");
      } else if (a === 1) {
        const other = CITIES[(CITIES.indexOf(city) + 1) % CITIES.length]!;
        const f = fahrenheit + 17;
        call("weather", { city: other }, `${f} F`);
        lastNumber = f;
        phase = 3;
        events.push("weather_wrong");
      } else if (a === 2) {
        if (lastNumber === null) call("to_celsius", { f: null }, "error: no value");
        else {
          lastNumber = Math.round(((lastNumber - 32) * 5) / 9);
          call("to_celsius", { f: lastNumber }, `${lastNumber} C`);
          if (phase === 1) phase = 2;
          events.push("convert");
        }
      } else {
        const text =
          a === 3 && lastNumber !== null ? `<answer>${lastNumber}</answer>` : "<answer>I don't know</answer>";
        messages.push({ role: "assistant", content: text });
        events.push("answer");
        done = true;
      }
      let reward = 0;
      let result: RewardResult | undefined;
      if (done) {
        const r = scoreOne(o.reward, rollout());
        if (r instanceof Promise)
          throw new TypeError("toolUseEnv needs a synchronous reward (a rule, not a judge)");
        result = r;
        reward = r.score ?? 0;
        if (reward >= 1) events.push("goal");
      }
      return {
        observation: phase,
        reward,
        terminated: done,
        truncated: !done && t >= maxSteps,
        info: { events, success: done && reward >= 1, rollout: rollout(), ...(result ? { result } : {}) },
      };
    },
    stateKey: () => String(phase),
  };
}
