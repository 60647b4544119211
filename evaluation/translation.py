"""Texts organizers write in both languages (django-modeltranslation), as for
sessions: ``survey.title`` reads the viewer's language and falls back."""

from modeltranslation.translator import TranslationOptions, register

from evaluation.models import Choice, Question, Survey


@register(Survey)
class SurveyTranslation(TranslationOptions):
    fields = ("title", "introduction")
    required_languages = ()


@register(Question)
class QuestionTranslation(TranslationOptions):
    fields = ("text", "help_text")
    required_languages = ()


@register(Choice)
class ChoiceTranslation(TranslationOptions):
    fields = ("text",)
    required_languages = ()
