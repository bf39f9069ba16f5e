"""The offline interviewer: deterministic wording, no network.

Follow-ups are aimed at what the answer lacks: the curated question's own follow-ups for a
missed rubric point, otherwise a prompt for the missing example, outcome, numbers, own part
or trade-off. Variants are picked by turn number, so the wording does not repeat every time
yet the same interview always reads the same.
"""

from __future__ import annotations

from collections.abc import Generator

from .turns import Turn

FOLLOW_UPS: dict[str, tuple[str, ...]] = {
    "too_short": (
        "Could you go into more detail? Walk me through it step by step.",
        "Can you expand on that a little? I'd like to understand how you actually approached it.",
    ),
    "no_example": (
        "Can you make that concrete: one specific situation you were in, what you did, and what happened?",
        "Do you have a real example of that from your own work? Walk me through it.",
    ),
    "we_not_i": (
        "You've described what the team did. What was your own part: which decisions and actions were yours?",
        "What did you personally do there, as opposed to the rest of the team?",
    ),
    "no_outcome": (
        "How did it turn out? What was the result, and how did you know?",
        "What was the outcome, and what did you take away from it?",
    ),
    "no_numbers": (
        "Can you put numbers on it: how big, how much better, how many people or users?",
        "How would you quantify that? Any figures you remember?",
    ),
    "no_tradeoff": (
        "What trade-offs did you weigh there? What does that approach cost, and what's the alternative?",
        "When would that approach be the wrong choice? What would you use instead?",
    ),
}
ACKNOWLEDGEMENTS = (
    "Thank you, that's helpful.",
    "Got it, thanks.",
    "Okay, thank you for walking me through that.",
    "Thanks. Let's move on.",
)
SKIP_ACKNOWLEDGEMENTS = ("No problem, let's move on.", "That's fine, we'll skip that one.")


def _pick(options: tuple[str, ...], turn: int) -> str:
    return options[turn % len(options)]


def follow_up_text(turn: Turn) -> str:
    lack = turn.decision.lack
    question = turn.question
    assert lack is not None
    if lack.kind == "off_topic":
        return f"Let's come back to the question: {question.text}"
    if lack.kind == "missing_point":
        asked = set(turn.asked_follow_ups)
        curated = next((text for text in question.follow_ups if text not in asked), None)
        if curated:
            return curated
        point = (lack.point or "that part of the question").rstrip(".")
        return f"You haven't touched on this yet: {point[0].lower() + point[1:]}. How would you address it?"
    return _pick(FOLLOW_UPS[lack.kind], turn.number)


FAILURE_WORDS = {"wrong_answer": "a wrong answer", "error": "an error", "time_limit": "the time limit",
                 "memory_limit": "the memory limit", "output_limit": "too much output"}


def code_review_text(turn: Turn) -> str:
    """The results of the code just submitted, then the approach and its complexity."""
    code = turn.submission
    assert code is not None
    language = {"javascript": "JavaScript", "python": "Python"}.get(code.language, code.language)
    what = "Thanks for submitting." if code.seq == 1 else f"Thanks, that's submission {code.seq}."
    if code.solved:
        result = f"{what} Your {language} code ran against the hidden tests: {code.result}."
        ask = ("Walk me through your approach: why does it work, what are its time and space complexity, and "
               "which edge cases did you handle?")
    else:
        kinds = sorted({item.split(":")[0] for item in code.failed})
        failures = sorted({item.split(": ")[-1] for item in code.failed})
        reason = " or ".join(FAILURE_WORDS.get(f, f) for f in failures)
        result = (f"{what} Your {language} code ran against the hidden tests: {code.result}; the failing ones "
                  f"({' and '.join(kinds)} cases) hit {reason}.")
        ask = ("Before changing it, walk me through your approach: why should it work, what are its time and space "
               "complexity, and which cases might it miss?")
    if code.seq > 1 and code.solved:
        ask = "What did you change since your last submission, and what are the time and space complexity now?"
    return f"{result} {ask}"


def acknowledgement_text(turn: Turn) -> str:
    return _pick(SKIP_ACKNOWLEDGEMENTS if turn.skipped else ACKNOWLEDGEMENTS, turn.number)


class OfflineInterviewer:
    name = "offline"

    def reply(self, turn: Turn) -> Generator[str, None, str]:
        kind = turn.decision.kind
        text = follow_up_text(turn) if kind == "follow_up" else code_review_text(turn) if kind == "code_review" \
            else acknowledgement_text(turn)
        # word by word, as a model streams, so streaming clients behave the same either way
        pieces = text.split(" ")
        for index, piece in enumerate(pieces):
            yield piece if index == len(pieces) - 1 else piece + " "
        return text
