"""Texts of the reference indicators in both languages
(django-modeltranslation): ``reference.title`` reads the viewer's language and
falls back to the other."""

from modeltranslation.translator import TranslationOptions, register

from roadmaps.models import ReferenceIndicator


@register(ReferenceIndicator)
class ReferenceIndicatorTranslation(TranslationOptions):
    fields = ("title",)
    required_languages = ()
