from __future__ import annotations

from plaza.kit.errors import PlazaError, RequestInvalid


class TemplateNotFound(PlazaError):
    """Unknown, or another mini-program's: answered alike."""

    status = 404
    code = "notices.template_not_found"
    title = "No such template for this mini-program"


class TooManyTemplates(PlazaError):
    status = 409
    code = "notices.too_many_templates"
    title = "A mini-program has at most 50 templates"


class UserNotFound(PlazaError):
    """An openid this mini-program never received from ``code2session`` (another app's,
    or made up): nobody by that id has signed in to it."""

    status = 404
    code = "notices.user_not_found"
    title = "No one with this openid has signed in to this mini-program"


class NoSubscription(PlazaError):
    status = 403
    code = "notices.no_subscription"
    title = "The person has not accepted a message of this template since the last one"


class DataInvalid(RequestInvalid):
    code = "notices.data_invalid"
    title = "The data does not fill the template's fields"
