"""The first anti-fraud patterns (SEC-11); staff change them in admin afterwards."""

from django.db import migrations

PATTERNS = [
    (
        "Mobile number",
        r"(?<!\d)(?:\+?86[\s-]?)?1[3-9]\d(?:[\s-]?\d){8}(?!\d)",
        "A mobile number is in this text. Share a phone number only when the trade needs it; "
        "scammers ask for one to move the trade off the platform. / 这段文字里有手机号码。"
        "只在交易需要时提供手机号码；骗子会借此把交易引到平台之外。",
    ),
    (
        "QQ or WeChat",
        r"\bQQ\b|微信|WeChat|weixin|\bwx\b|加我",
        "Asking to continue on QQ or WeChat is a common fraud pattern: keep the chat and the payment on 1688. / "
        "要求转到QQ或微信联系是常见的诈骗手法：请在1688上沟通和付款。",
    ),
    (
        "Outside payment channels",
        r"转账|私下|线下交易|银行汇款|bank transfer|wire transfer|pay (?:me )?outside|off[- ]platform|direct payment",
        "Never pay outside the platform's payment channels: such payments are not protected. / "
        "切勿通过平台以外的渠道付款：这类付款不受保障。",
    ),
    (
        "ID or bank card",
        r"身份证|银行卡|验证码|ID card|ID number|bank card|card number|CVV|verification code",
        "No seller or buyer needs your ID card, bank card or a verification code. / "
        "卖家或买家都不需要你的身份证、银行卡或验证码。",
    ),
]


def add_patterns(apps, schema_editor):
    FraudPattern = apps.get_model("interactions", "FraudPattern")
    for name, pattern, warning in PATTERNS:
        FraudPattern.objects.get_or_create(name=name, defaults={"pattern": pattern, "warning": warning})


def remove_patterns(apps, schema_editor):
    apps.get_model("interactions", "FraudPattern").objects.filter(name__in=[p[0] for p in PATTERNS]).delete()


class Migration(migrations.Migration):
    dependencies = [("interactions", "0006_store_chat_and_fraud_patterns")]
    operations = [migrations.RunPython(add_patterns, remove_patterns)]
