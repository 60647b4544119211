from django.contrib import admin

from evaluation.models import Choice, Question, Survey, SurveyReminder


class ChoiceInline(admin.TabularInline):
    model = Choice
    extra = 0


@admin.register(Survey)
class SurveyAdmin(admin.ModelAdmin):
    list_display = ["title", "convening", "kind", "opens_at", "closes_at", "anonymous"]
    list_filter = ["kind", "anonymous"]


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["text", "survey", "kind", "position"]
    inlines = [ChoiceInline]


@admin.register(SurveyReminder)
class SurveyReminderAdmin(admin.ModelAdmin):
    list_display = ["survey", "participant", "sent_at"]
