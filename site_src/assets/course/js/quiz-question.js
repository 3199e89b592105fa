// One quiz question on the page (a `fieldset.quiz__question` the build wrote): reading and
// restoring its answer, putting its choices in an attempt's order, and showing its result.
// The order is the grader's own: mix32 and choiceOrder repeat grader.quiz.mix32/choice_order.

import * as python from "./python-host.js";
import { button, element } from "./dom.js";

const NUMBER = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/;

/** 32-bit hash of text: FNV-1a, then MurmurHash3's finaliser (as grader.quiz.mix32). */
export function mix32(text) {
  let value = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) value = Math.imul(value ^ byte, 0x01000193) >>> 0;
  value = (value ^ (value >>> 16)) >>> 0;
  value = Math.imul(value, 0x85ebca6b) >>> 0;
  value = (value ^ (value >>> 13)) >>> 0;
  value = Math.imul(value, 0xc2b2ae35) >>> 0;
  return (value ^ (value >>> 16)) >>> 0;
}

/** The order attempt `seed` shows a question's choices in (as grader.quiz.choice_order). */
export function choiceOrder(seed, questionId, choiceIds) {
  const keyed = choiceIds.map((id) => [mix32(`${seed}:${questionId}:${id}`), id]);
  keyed.sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  return keyed.map(([, id]) => id);
}

/** What a text box holds, as the grader should see it: a number for number questions. */
export function textAnswer(kind, text) {
  if (text.trim() === "") return null;
  if (kind === "number") return NUMBER.test(text) ? Number(text) : text.trim();
  return text;
}

/** One question of the page: read, write, shuffle, lock and show its result. */
export class QuestionView {
  constructor(root, data) {
    Object.assign(this, data);
    this.node = root.querySelector(`fieldset.quiz__question[data-question-id="${data.id}"]`);
    this.feedback = this.node.querySelector(".quiz__feedback");
    this.inputs = [...this.node.querySelectorAll("input")];
  }

  read() {
    if (this.kind === "single") return this.inputs.find((input) => input.checked)?.value ?? null;
    if (this.kind === "multiple") {
      const picked = this.inputs.filter((input) => input.checked).map((input) => input.value);
      return picked.length ? picked : null;
    }
    return textAnswer(this.kind, this.inputs[0].value);
  }

  write(answer) {
    if (this.kind === "single" || this.kind === "multiple") {
      const picked = new Set(Array.isArray(answer) ? answer : [answer]);
      for (const input of this.inputs) input.checked = picked.has(input.value);
    } else {
      this.inputs[0].value = typeof answer === "string" || typeof answer === "number" ? String(answer) : "";
    }
  }

  shuffle(seed) {
    const list = this.node.querySelector(".quiz__choices");
    if (!list) return;
    for (const id of choiceOrder(seed, this.id, this.choices)) {
      list.append(list.querySelector(`.quiz__choice[data-choice-id="${id}"]`));
    }
  }

  lock(locked) {
    for (const input of this.inputs) input.disabled = locked;
  }

  clear() {
    delete this.node.dataset.result;
    this.feedback.replaceChildren();
  }

  show(result) {
    this.node.dataset.result = result.correct ? "right" : "wrong";
    const mark = result.correct ? "Right." : result.answered ? "Not right." : "Not answered.";
    const parts = [element("p", "quiz__mark", mark)];
    const notes = result.feedback.filter((line) => line !== "Not answered.");
    if (notes.length) {
      const list = element("ul", "quiz__notes");
      for (const line of notes) list.append(element("li", "", line));
      parts.push(list);
    }
    if (!result.correct) {
      const expected = element("p", "quiz__expected");
      expected.append(element("strong", "", "The answer:"), result.expected);
      parts.push(expected);
    }
    parts.push(element("p", "quiz__explanation", result.explanation));
    if (this.kind === "output") parts.push(this.snippetRunner());
    this.feedback.replaceChildren(...parts);
  }

  snippetRunner() {
    const wrapper = element("div", "quiz__run");
    const output = element("div", "quiz__run-output");
    output.setAttribute("aria-live", "polite");
    const run = button("Run the snippet", "pyrun__button quiz__run-button", async () => {
      run.disabled = true;
      output.replaceChildren(element("p", "pyrun__empty", "Running…"));
      try {
        const result = await python.run(this.code);
        const parts = ["stdout", "stderr", "error"].filter((part) => result[part]);
        output.replaceChildren(element("p", "pyrun__label", "It printed"),
          ...parts.map((part) => element("pre", `pyrun__live-${part}`, result[part])));
      } catch (error) {
        output.replaceChildren(element("pre", "pyrun__live-error", error.message));
      } finally {
        run.disabled = false;
      }
    });
    wrapper.append(run, output);
    return wrapper;
  }
}
