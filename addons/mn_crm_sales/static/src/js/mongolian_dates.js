import {localization} from "@web/core/l10n/localization";

/**
 * Mongolian month and weekday names, and dates in the mn_MN format, in the web client.
 *
 * The web client formats dates with luxon, which asks the browser's Intl for the names of
 * the user's locale. Chromium (and so the Odoo mobile app's web view on many phones) ships
 * no Mongolian locale data: Intl falls back to English, and a Mongolian user read
 * "Jan 5, 2027" in forms, lists and the chatter, and "January" in the date picker. For a
 * Mongolian locale ("mn", "mn-MN") luxon gets the names from here (CLDR "mn"), and the
 * locale-style dates of Odoo 19 (toLocaleString: fields, lists, chatter, activities) are
 * written in the language's date format (res.lang mn_MN: %Y.%m.%d → 2027.01.05).
 */

const {DateTime} = luxon;

// CLDR "mn": format and stand-alone forms are the same words.
const MONTHS = {
    long: [
        "нэгдүгээр сар",
        "хоёрдугаар сар",
        "гуравдугаар сар",
        "дөрөвдүгээр сар",
        "тавдугаар сар",
        "зургаадугаар сар",
        "долоодугаар сар",
        "наймдугаар сар",
        "есдүгээр сар",
        "аравдугаар сар",
        "арван нэгдүгээр сар",
        "арван хоёрдугаар сар",
    ],
    short: Array.from({length: 12}, (_, index) => `${index + 1}-р сар`),
    narrow: Array.from({length: 12}, (_, index) => `${index + 1}`),
};
// Luxon numbers weekdays from Monday (1) to Sunday (7).
const WEEKDAYS = {
    long: ["даваа", "мягмар", "лхагва", "пүрэв", "баасан", "бямба", "ням"],
    short: ["Да", "Мя", "Лх", "Пү", "Ба", "Бя", "Ня"],
    narrow: ["Да", "Мя", "Лх", "Пү", "Ба", "Бя", "Ня"],
};

export function isMongolianLocale(locale) {
    return /^mn([-_]|$)/i.test(locale || "");
}

function dateFormat() {
    return localization.dateFormat || "yyyy.MM.dd";
}

/**
 * A locale-style date in Mongolian: the language's date format for a day, the month's
 * name for a month ("2027 оны нэгдүгээр сар"), the time in 24 hours.
 */
export function mongolianLocaleString(dt, options = {}) {
    const parts = [];
    if (options.day) {
        parts.push(dt.toFormat(dateFormat()));
    } else if (options.month) {
        const month = MONTHS.long[dt.month - 1];
        parts.push(options.year ? `${dt.year} оны ${month}` : month);
    } else if (options.year) {
        parts.push(`${dt.year} он`);
    }
    if (options.weekday && !options.day) {
        parts.unshift(WEEKDAYS[options.weekday === "long" ? "long" : "short"][dt.weekday - 1]);
    }
    if (options.hour || options.minute) {
        parts.push(dt.toFormat(options.second ? "HH:mm:ss" : "HH:mm"));
    }
    return parts.join(" ");
}

const localeProto = Object.getPrototypeOf(DateTime.utc().loc);

function patchLocale(name, mongolian) {
    const original = localeProto[name];
    localeProto[name] = function (...args) {
        if (isMongolianLocale(this.locale)) {
            const result = mongolian.apply(this, args);
            if (result !== undefined) {
                return result;
            }
        }
        return original.apply(this, args);
    };
}

// Not "en": luxon would take its built-in English names without asking the locale.
patchLocale("listingMode", () => "intl");
patchLocale("months", (length) => MONTHS[length]);
patchLocale("weekdays", (length) => WEEKDAYS[length]);
patchLocale("extract", (dt, intlOpts, field) => {
    if (field === "month" && MONTHS[intlOpts.month]) {
        return MONTHS[intlOpts.month][dt.month - 1];
    }
    if (field === "weekday" && WEEKDAYS[intlOpts.weekday]) {
        return WEEKDAYS[intlOpts.weekday][dt.weekday - 1];
    }
    return undefined;
});

const toLocaleString = DateTime.prototype.toLocaleString;
DateTime.prototype.toLocaleString = function (formatOpts = DateTime.DATE_SHORT, opts = {}) {
    const locale = opts.locale || this.locale;
    if (this.isValid && isMongolianLocale(locale)) {
        return mongolianLocaleString(this, formatOpts);
    }
    return toLocaleString.call(this, formatOpts, opts);
};
