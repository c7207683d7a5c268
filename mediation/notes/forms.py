from django import forms


class NoteForm(forms.Form):
    body = forms.CharField(
        label="Add a private note",
        help_text="Only you, as this case's mediator, can read these notes. A service manager can "
        "read them only after recording why.",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter the note"},
    )


class ReasonForm(forms.Form):
    govuk_page_heading = "reason"

    reason = forms.CharField(
        label="Why do you need to read the mediator's private notes?",
        help_text="For example, a complaint or a safeguarding concern. Your reason is kept on "
        "record, and the mediator can see it.",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter why you need to read the notes"},
    )
