"""The build's check of sign-offs: a reviewed page whose text is not the text its reviewer
signed off (`implant_guide/sign_off.py`) is a warning in a development build and an error
when UNREVIEWED_TEXT_IS_ERROR is set (the publish build)."""

from implant_guide.problems import ERROR, WARNING
from implant_guide.sign_off import CHANGED, SIGNED, TRANSLATION, sign_off_state


class SignOffChecks:
    """Reports reviewed pages that changed since their sign-off, or were never signed off."""

    def __init__(self, log, settings, reviewers: dict | None):
        self.report = log.report
        self.reviewers = reviewers or {}
        """The clinic's reviewers by key; none while they cannot be read (reported apart)."""
        self.severity = ERROR if settings.get("UNREVIEWED_TEXT_IS_ERROR", True) else WARNING

    def check(self, source):
        """Check one article or page (not a draft, which is never published)."""
        status = source.field("status")
        if status and status.value.lower() == "draft":
            return
        state = sign_off_state(source)
        if state is None or state.status == SIGNED:
            return
        fields = state.fields
        key = state.reviewer or "KEY"
        name = self.reviewers.get(state.reviewer, {}).get("name", "its reviewer")
        command = f"invoke sign-off {source.display_path} --reviewer {key}"
        if state.status == CHANGED:
            message = (
                f"changed since its {fields.what} on {state.reviewed_on or '?'} by {name}: "
                f"the text is not the text signed off ({fields.fingerprint})"
            )
        else:
            what = "translation" if fields is TRANSLATION else "page"
            message = f"this {what} is not signed off by {name}: it has no {fields.fingerprint}"
        self.report(
            source,
            state.line,
            message,
            f"Have {name} review it, then sign it off: {command}",
            severity=self.severity,
        )
