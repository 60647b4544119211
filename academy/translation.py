"""Content organizers write in both languages (django-modeltranslation).

``convening.name`` reads the viewer's language and falls back to the other one;
the form offers both: ``name_es`` and ``name_en``.
"""

from modeltranslation.translator import TranslationOptions, register

from academy.models import Convening, ConveningLogo, Organization, Session


@register(Convening)
class ConveningTranslation(TranslationOptions):
    # Place names too: "Panama City" is "Ciudad de Panamá" in a Spanish report.
    fields = ("name", "description", "city", "venue")
    required_languages = ()


@register(Organization)
class OrganizationTranslation(TranslationOptions):
    # "UN Women" reads "ONU Mujeres" on Spanish pages and reports.
    fields = ("name",)
    required_languages = ()


@register(Session)
class SessionTranslation(TranslationOptions):
    fields = ("title", "description")
    required_languages = ()


@register(ConveningLogo)
class ConveningLogoTranslation(TranslationOptions):
    # The logo's text alternative, in the report's language.
    fields = ("name",)
    required_languages = ()
