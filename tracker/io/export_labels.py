"""Column headers and provenance wording of exports and tables, in en, de, fr and uk.

Why a hand-written table: CLDR (babel) translates countries, currencies and number notation,
not the tracker's own column names. Keeping every header here, keyed by the column key the
data format uses, means the briefing file and the on-screen table can show the same words,
and a missing translation is caught by one test instead of surfacing as an English header in
a German briefing.
"""

from __future__ import annotations

from tracker.domain.vocab import SUPPORTED_LOCALES

# key -> (en, de, fr, uk)
HEADERS: dict[str, tuple[str, str, str, str]] = {
    "entry_id": ("Entry ID", "Eintrags-ID", "Identifiant de l'entrée", "ID запису"),
    "donor": ("Donor", "Geber", "Donateur", "Донор"),
    "donor_name": ("Donor name", "Name des Gebers", "Nom du donateur", "Назва донора"),
    "package": ("Package", "Paket", "Paquet", "Пакет"),
    "package_date": ("Package date", "Paketdatum", "Date du paquet", "Дата пакета"),
    "package_ordinal": ("Package no.", "Paket-Nr.", "N° du paquet", "№ пакета"),
    "instrument": ("Instrument", "Instrument", "Instrument", "Інструмент"),
    "aid_type": ("Aid type", "Art der Hilfe", "Type d'aide", "Вид допомоги"),
    "secrecy": ("Secrecy", "Geheimhaltung", "Confidentialité", "Секретність"),
    "initiative": ("Initiative", "Initiative", "Initiative", "Ініціатива"),
    "aggregate_claim": ("Aggregate claim", "Sammelangabe", "Déclaration globale", "Сукупна заява"),
    "item": ("Item", "Position", "Poste", "Позиція"),
    "equipment": ("Equipment", "Ausrüstung", "Équipement", "Техніка"),
    "event": ("Event", "Ereignis", "Événement", "Подія"),
    "event_date": ("Event date", "Datum des Ereignisses", "Date de l'événement", "Дата події"),
    "quantity": ("Quantity", "Menge", "Quantité", "Кількість"),
    "quantity_high": (
        "Quantity (upper bound)",
        "Menge (Obergrenze)",
        "Quantité (borne haute)",
        "Кількість (верхня межа)",
    ),
    "unit": ("Unit", "Einheit", "Unité", "Одиниця"),
    "amount": ("Amount", "Betrag", "Montant", "Сума"),
    "amount_high": (
        "Amount (upper bound)",
        "Betrag (Obergrenze)",
        "Montant (borne haute)",
        "Сума (верхня межа)",
    ),
    "currency": ("Currency", "Währung", "Devise", "Валюта"),
    "value": ("Converted value", "Umgerechneter Wert", "Valeur convertie", "Перерахована вартість"),
    "value_high": (
        "Converted value (upper bound)",
        "Umgerechneter Wert (Obergrenze)",
        "Valeur convertie (borne haute)",
        "Перерахована вартість (верхня межа)",
    ),
    "value_currency": ("Base currency", "Basiswährung", "Devise de base", "Базова валюта"),
    "rate_date": ("Rate date", "Kursdatum", "Date du taux", "Дата курсу"),
    "rate_provider": ("Rate source", "Kursquelle", "Source du taux", "Джерело курсу"),
    "value_note": (
        "Conversion note",
        "Hinweis zur Umrechnung",
        "Remarque sur la conversion",
        "Примітка до перерахунку",
    ),
    "qualifier": ("Qualifier", "Genauigkeit", "Précision", "Точність"),
    "cumulative": ("Running total", "Laufende Summe", "Total cumulé", "Наростаючий підсумок"),
    "corrects": ("Corrects entry", "Korrigiert Eintrag", "Corrige l'entrée", "Виправляє запис"),
    "reason": ("Reason", "Begründung", "Motif", "Причина"),
    "stated": ("As stated", "Wortlaut der Quelle", "Formulation de la source", "Як у джерелі"),
    "source_url": ("Source URL", "URL der Quelle", "URL de la source", "URL джерела"),
    "source_outlet": ("Outlet", "Medium", "Média", "Видання"),
    "source_title": ("Source title", "Titel der Quelle", "Titre de la source", "Назва джерела"),
    "source_published": ("Published", "Veröffentlicht", "Publié le", "Опубліковано"),
    "source_claimant": ("Claimant", "Urheber der Angabe", "Auteur de l'affirmation", "Хто заявив"),
    "source_reliability": ("Reliability", "Verlässlichkeit", "Fiabilité", "Надійність"),
    "source_quote": ("Quote", "Zitat", "Citation", "Цитата"),
    "recorded_at": ("Recorded at", "Erfasst am", "Enregistré le", "Час запису"),
    "recorded_by": ("Recorded by", "Erfasst von", "Enregistré par", "Ким записано"),
    "review_status": ("Review status", "Prüfstatus", "Statut de vérification", "Статус перевірки"),
    "pledged": ("Pledged", "Zugesagt", "Promis", "Обіцяно"),
    "allocated": ("Allocated", "Zugewiesen", "Attribué", "Виділено"),
    "delivered": ("Delivered", "Geliefert", "Livré", "Поставлено"),
    "cancelled": ("Cancelled", "Storniert", "Annulé", "Скасовано"),
    "outstanding": ("Outstanding", "Ausstehend", "Restant à livrer", "Очікує поставки"),
    "delivered_share": ("Delivered share", "Lieferquote", "Part livrée", "Частка поставленого"),
    "pledged_value": ("Pledged value", "Zugesagt, Wert", "Promis, valeur", "Обіцяно, вартість"),
    "allocated_value": (
        "Allocated value",
        "Zugewiesen, Wert",
        "Attribué, valeur",
        "Виділено, вартість",
    ),
    "delivered_value": (
        "Delivered value",
        "Geliefert, Wert",
        "Livré, valeur",
        "Поставлено, вартість",
    ),
    "cancelled_value": (
        "Cancelled value",
        "Storniert, Wert",
        "Annulé, valeur",
        "Скасовано, вартість",
    ),
    "outstanding_value": (
        "Outstanding value",
        "Ausstehend, Wert",
        "Restant, valeur",
        "Очікує поставки, вартість",
    ),
    "pledged_estimated_value": (
        "Pledged, estimated value",
        "Zugesagt, geschätzter Wert",
        "Promis, valeur estimée",
        "Обіцяно, оціночна вартість",
    ),
    "allocated_estimated_value": (
        "Allocated, estimated value",
        "Zugewiesen, geschätzter Wert",
        "Attribué, valeur estimée",
        "Виділено, оціночна вартість",
    ),
    "delivered_estimated_value": (
        "Delivered, estimated value",
        "Geliefert, geschätzter Wert",
        "Livré, valeur estimée",
        "Поставлено, оціночна вартість",
    ),
    "undisclosed_count": (
        "Undisclosed packages",
        "Nicht offengelegte Pakete",
        "Paquets non divulgués",
        "Нерозголошені пакети",
    ),
    "unconverted_count": (
        "Amounts without rate",
        "Beträge ohne Kurs",
        "Montants sans taux",
        "Суми без курсу",
    ),
    "entry_count": ("Entries", "Einträge", "Entrées", "Записи"),
    "warnings": ("Warnings", "Warnungen", "Avertissements", "Попередження"),
    "sources": ("Sources", "Quellen", "Sources", "Джерела"),
}

# Wording of the provenance block that opens a briefing file.
PHRASES: dict[str, tuple[str, str, str, str]] = {
    "export": (
        "Aid tracker export",
        "Export aus dem Hilfe-Tracker",
        "Export du suivi de l'aide",
        "Експорт із трекера допомоги",
    ),
    "view:ledger": ("Ledger entries", "Ledger-Einträge", "Écritures du registre", "Записи реєстру"),
    "view:balance": (
        "Balance per donor and equipment",
        "Bilanz je Geber und Ausrüstung",
        "Bilan par donateur et équipement",
        "Баланс за донорами й технікою",
    ),
    "view:packages": ("Packages", "Pakete", "Paquets", "Пакети"),
    "as_of": ("As of", "Stand", "À la date du", "Станом на"),
    "basis": ("Basis", "Grundlage", "Base", "Основа"),
    "base_currency": ("Base currency", "Basiswährung", "Devise de base", "Базова валюта"),
    "not_converted": (
        "none: amounts in the currency their source stated",
        "keine: Beträge in der Währung der Quelle",
        "aucune : montants dans la devise de la source",
        "немає: суми у валюті джерела",
    ),
    "rates": (
        "Exchange-rate dates",
        "Stichtage der Wechselkurse",
        "Dates des taux de change",
        "Дати обмінних курсів",
    ),
    "no_rate": ("no rate for", "kein Kurs für", "aucun taux pour", "немає курсу на"),
    "filters": ("Filters", "Filter", "Filtres", "Фільтри"),
    "none": ("none", "keine", "aucun", "немає"),
    "data_version": ("Data version", "Datenstand", "Version des données", "Версія даних"),
    # "entries: 42" rather than "42 entries": no plural forms to get wrong (uk has three).
    "version_text": (
        "ledger entries: {entries}; latest recorded {recorded}; latest change {changed}",
        "Ledger-Einträge: {entries}; zuletzt erfasst {recorded}; letzte Änderung {changed}",
        "écritures : {entries} ; dernière saisie {recorded} ; dernière modification {changed}",
        "записи реєстру: {entries}; останній запис {recorded}; остання зміна {changed}",
    ),
    "sources": ("Sources", "Quellen", "Sources", "Джерела"),
    "sources_in": (
        "in each row, column(s) {columns}",
        "in jeder Zeile, Spalte(n) {columns}",
        "dans chaque ligne, colonne(s) {columns}",
        "у кожному рядку, стовпці {columns}",
    ),
    "prices": (
        "Estimated values use reference prices",
        "Geschätzte Werte nach Referenzpreisen",
        "Valeurs estimées aux prix de référence",
        "Оціночна вартість за довідковими цінами",
    ),
    "yes": ("yes", "ja", "oui", "так"),
    "no": ("no", "nein", "non", "ні"),
    "basis:own": (
        "donors' own pledges and deliveries",
        "eigene Zusagen und Lieferungen der Geber",
        "promesses et livraisons propres des donateurs",
        "власні обіцянки й поставки донорів",
    ),
    "basis:all": (
        "all claims, including initiative-wide statements",
        "alle Angaben, einschließlich Erklärungen ganzer Initiativen",
        "toutes les déclarations, y compris celles des initiatives",
        "усі заяви, включно із заявами ініціатив",
    ),
    "basis:known": (
        "as known on {date}",
        "Kenntnisstand {date}",
        "selon les informations connues au {date}",
        "за відомостями на {date}",
    ),
    "basis:reviewed": (
        "reviewed entries only",
        "nur geprüfte Einträge",
        "entrées vérifiées uniquement",
        "лише перевірені записи",
    ),
    "basis:drafts": (
        "drafts included",
        "Entwürfe eingeschlossen",
        "brouillons inclus",
        "включно з чернетками",
    ),
    "filter:donors": ("Donors", "Geber", "Donateurs", "Донори"),
    "filter:reviewed_only": (
        "Reviewed entries only",
        "Nur geprüfte Einträge",
        "Entrées vérifiées uniquement",
        "Лише перевірені записи",
    ),
    "filter:include_aggregate_claims": (
        "Initiative-wide claims included",
        "Sammelangaben eingeschlossen",
        "Déclarations globales incluses",
        "Сукупні заяви включено",
    ),
    "filter:initiative": ("Initiative", "Initiative", "Initiative", "Ініціатива"),
    "filter:category": ("Category", "Kategorie", "Catégorie", "Категорія"),
    "filter:equipment": ("Equipment", "Ausrüstung", "Équipement", "Техніка"),
    "filter:aid_type": ("Aid type", "Art der Hilfe", "Type d'aide", "Вид допомоги"),
    "filter:package_ids": ("Package IDs", "Paket-IDs", "Identifiants de paquets", "ID пакетів"),
}


def _pick(entry: tuple[str, str, str, str], locale: str) -> str:
    if locale not in SUPPORTED_LOCALES:
        raise ValueError(
            f"locale {locale!r} is not supported; use one of {', '.join(SUPPORTED_LOCALES)}"
        )
    return entry[SUPPORTED_LOCALES.index(locale)]


def header(key: str, locale: str, *, currency: str | None = None) -> str:
    """The header of column ``key`` in ``locale`` (the key itself for a column of a newer
    table that has no entry yet); money columns name their currency."""
    text = _pick(HEADERS[key], locale) if key in HEADERS else key
    return f"{text} ({currency})" if currency else text


def view_title(table: str, locale: str) -> str:
    """The title of an exported table in ``locale`` (its name for a table without one)."""
    entry = PHRASES.get(f"view:{table}")
    return _pick(entry, locale) if entry else table


def phrase(key: str, locale: str, **values: object) -> str:
    """A provenance phrase in ``locale`` with ``values`` filled in."""
    return _pick(PHRASES[key], locale).format(**values)
