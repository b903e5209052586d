"""SaaS partner event sources ("Receiving events from a SaaS partner with Amazon EventBridge"):
producer presets that stand for a partner putting its events on a partner event bus.

A partner event bus is named after the partner event source it is matched with (the bus's
`Name` equals its `EventSourceName`, `aws.partner/<partner>/<namespace>/<name>`); events on
it have that source, and the partner's own detail-types and details. The payloads below
follow each partner's published EventBridge event shapes in outline (ids and amounts are
made up per message by the producer's templates).
"""

from __future__ import annotations

from engine.core.spec import PresetSpec

ZENDESK_SOURCE = "aws.partner/zendesk.com/1234567890/default"
STRIPE_SOURCE = "aws.partner/stripe.com/ed_61Qc7wR3J8nKp0aB"
SHOPIFY_SOURCE = "aws.partner/shopify.com/3172993/orders"
AUTH0_SOURCE = "aws.partner/auth0.com/acme-prod-0f1e2d3c/auth0.logs"


def _partner(key: str, label: str, description: str, entry: dict, rate: float = 0.5):
    return PresetSpec(
        key=f"producer:{key}",
        type="producer",
        label=label,
        description=description,
        sim=(("rate", rate), ("payload", entry)),
    )


PARTNER_PRESETS: tuple[PresetSpec, ...] = (
    _partner(
        "zendesk",
        "Zendesk tickets",
        "A help desk's ticket events (Support Ticket: Ticket Created), put on the partner "
        f"event bus {ZENDESK_SOURCE}.",
        {
            "Source": ZENDESK_SOURCE,
            "DetailType": "Support Ticket: Ticket Created",
            "Detail": {
                "ticket_event": {
                    "type": "Ticket Created",
                    "ticket": {
                        "id": "{{seq}}",
                        "subject": "{{choice Refund Login Delivery Invoice}} question",
                        "status": "new",
                        "priority": "{{choice low normal normal high urgent}}",
                        "requester_id": "{{int 1000 9999}}",
                        "tags": ["web"],
                    },
                }
            },
        },
    ),
    _partner(
        "stripe",
        "Stripe payments",
        "A payment processor's events (payment_intent.succeeded and .payment_failed), put "
        f"on the partner event bus {STRIPE_SOURCE}.",
        {
            "Source": STRIPE_SOURCE,
            "DetailType": "payment_intent.{{choice succeeded succeeded succeeded payment_failed}}",
            "Detail": {
                "id": "evt_{{uuid}}",
                "object": "event",
                "type": "payment_intent",
                "livemode": False,
                "data": {
                    "object": {
                        "id": "pi_{{uuid}}",
                        "object": "payment_intent",
                        "amount": "{{int 500 50000}}",
                        "currency": "usd",
                        "customer": "cus_{{int 100 999}}",
                    }
                },
            },
        },
    ),
    _partner(
        "shopify",
        "Shopify orders",
        "A store's order webhooks (X-Shopify-Topic orders/create), put on the partner event "
        f"bus {SHOPIFY_SOURCE}.",
        {
            "Source": SHOPIFY_SOURCE,
            "DetailType": "shopifyWebhook",
            "Detail": {
                "metadata": {
                    "Content-Type": "application/json",
                    "X-Shopify-Topic": "orders/create",
                    "X-Shopify-Shop-Domain": "acme-outdoor.myshopify.com",
                    "X-Shopify-Webhook-Id": "{{uuid}}",
                },
                "payload": {
                    "id": "{{seq}}",
                    "total_price": "{{float 5 400}}",
                    "currency": "USD",
                    "financial_status": "{{choice paid paid pending}}",
                },
            },
        },
    ),
    _partner(
        "auth0",
        "Auth0 log events",
        "An identity provider's log stream (logins that succeed or fail), put on the partner "
        f"event bus {AUTH0_SOURCE}.",
        {
            "Source": AUTH0_SOURCE,
            "DetailType": "Auth0 log",
            "Detail": {
                "log_id": "{{uuid}}",
                "data": {
                    "type": "{{choice s s s s f}}",
                    "description": "{{choice Successful_login Successful_login Wrong_password}}",
                    "user_name": "user{{int 1 300}}@example.com",
                    "ip": "203.0.113.{{int 1 254}}",
                },
            },
        },
        rate=2,
    ),
)
