"""The accompaniment after the convening: the follow-up log of each delegation
(engagements: calls, missions, workshops…) and the action items agreed."""
