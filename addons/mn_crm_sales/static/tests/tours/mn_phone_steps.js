import {stepUtils} from "@web_tour/tour_utils";

// Steps shared by the seed's tours so that the same tour runs on a desktop screen and at
// phone size with touch (the Odoo mobile app shows this web client at phone size): the
// tests run each tour twice, the phone classes with HttpCase.browser_size "390x844" and
// touch_enabled (tests/test_tour_*_phone.py). Steps marked isActive "mobile" or "desktop"
// run only at that size (env.isSmall).
//
// At phone size Odoo 19 puts the app's menus in the sidebar of the navbar's
// "o_menu_toggle", every status-bar button but the first in its "More" (⋮) dropdown, and
// opens multi-record actions in their kanban view; kanban cards cannot be dragged.

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Phone: open the navbar's menu sidebar. */
export const mnOpenSidebar = {
    isActive: ["mobile"],
    content: "phone: open the menu sidebar",
    trigger: ".o_main_navbar .o_menu_toggle",
    run: "click",
};

/** Phone: wait for the menu sidebar to be closed (a menu was chosen). */
const sidebarClosed = {
    isActive: ["mobile"],
    content: "phone: the sidebar is closed",
    trigger: "body:not(:has(.o_app_menu_sidebar))",
};

/** Open an app: the apps menu on a desktop, the sidebar's "All apps" on a phone. */
export function mnOpenApp(xmlid, content = `open the app ${xmlid}`) {
    return [
        stepUtils.showAppsMenuItem(),
        {
            isActive: ["desktop"],
            content,
            trigger: `.o_app[data-menu-xmlid='${xmlid}']`,
            run: "click",
        },
        mnOpenSidebar,
        {
            isActive: ["mobile"],
            content: "phone: show every app",
            trigger: ".o_app_menu_sidebar .o_sidebar_topbar a.btn-primary",
            run: "click",
        },
        {
            isActive: ["mobile"],
            content,
            trigger: `.o_app_menu_sidebar .o_app[data-menu-xmlid='${xmlid}']`,
            run: "click",
        },
        sidebarClosed,
    ];
}

/** Open a top-level menu item of the current app: the navbar, or the phone's sidebar. */
export function mnOpenTopMenu(xmlid, content = `open the menu ${xmlid}`) {
    return [
        {
            isActive: ["desktop"],
            content,
            trigger: `.o_main_navbar [data-menu-xmlid='${xmlid}']`,
            run: "click",
        },
        mnOpenSidebar,
        {
            isActive: ["mobile"],
            content: `phone: ${content}`,
            trigger: `.o_app_menu_sidebar li[data-menu-xmlid='${xmlid}']`,
            run: "click",
        },
        sidebarClosed,
    ];
}

/** Open a menu item of the current app: the section's dropdown, or the phone's sidebar. */
export function mnOpenMenu(sectionXmlid, itemXmlid, content = `open the menu ${itemXmlid}`) {
    return [
        {
            isActive: ["desktop"],
            content: "open the menu section",
            trigger: `.o_main_navbar .o_menu_sections [data-menu-xmlid='${sectionXmlid}']`,
            run: "click",
        },
        {
            isActive: ["desktop"],
            content,
            trigger: `.dropdown-item[data-menu-xmlid='${itemXmlid}']`,
            run: "click",
        },
        mnOpenSidebar,
        {
            isActive: ["mobile"],
            content,
            trigger: `.o_app_menu_sidebar li[data-menu-xmlid='${itemXmlid}']`,
            run: "click",
        },
        sidebarClosed,
    ];
}

/**
 * Click a form's status-bar button: on a phone only the first button stays in the bar, the
 * others are behind "More" (⋮). ``button`` is a selector of the button itself (e.g.
 * "button[name=action_confirm]:contains(Батлах)"), ``form`` the form it belongs to.
 */
export function mnStatusButton(button, content, form = ".o_form_view") {
    const bar = `${form} .o_statusbar_buttons`;
    return [
        {
            isActive: ["mobile"],
            content: `phone: ${content} — open "More" when the button is not in the bar`,
            trigger: `${bar}`,
            async run(helpers) {
                if (!document.querySelector(`${bar} ${button.replace(/:contains\(.*\)$/, "")}`)) {
                    await helpers.click(`${bar} button[title]:has(.oi-ellipsis-v)`);
                }
            },
        },
        {
            content,
            trigger: `${bar} ${button}, .o-dropdown--menu ${button}`,
            run: "click",
        },
    ];
}

/**
 * Phone: pick a record of a many2one in the search dialog a phone opens for it (a kanban
 * of the records with a search bar), by typing ``text`` in its search.
 */
export function mnPickInDialog(text, content) {
    return [
        {
            isActive: ["mobile"],
            content: `phone: ${content} — show the dialog's search bar`,
            trigger: ".modal .o_kanban_view",
            async run(helpers) {
                if (!document.querySelector(".modal .o_searchview_input")) {
                    await helpers.click(".modal .o_control_panel button:has(.fa-search)");
                }
            },
        },
        {
            isActive: ["mobile"],
            content: `phone: ${content} — search it`,
            trigger: ".modal .o_searchview_input",
            run: `edit ${text}`,
        },
        {
            isActive: ["mobile"],
            content: `phone: ${content} — search by name (the first proposal)`,
            trigger: ".o_searchview_autocomplete",
            run: "press Enter",
        },
        {
            isActive: ["mobile"],
            content: `phone: ${content} — the search is applied`,
            trigger: ".modal .o_searchview_facet",
        },
        {
            isActive: ["mobile"],
            content: `phone: ${content} — tap it`,
            trigger: `.modal .o_kanban_record:contains(${text})`,
            run: "click",
        },
    ];
}

function describe(element) {
    if (!element) {
        return "?";
    }
    const name = element.getAttribute("name");
    const classes = [...element.classList].slice(0, 4).join(".");
    return `${element.tagName.toLowerCase()}${name ? `[name=${name}]` : ""}${classes ? `.${classes}` : ""}`;
}

function scrollsItself(element) {
    return ["auto", "scroll", "hidden", "clip"].includes(getComputedStyle(element).overflowX);
}

// Odoo's own strips that scroll sideways on a phone by design (the user swipes them):
// a grouped kanban's columns (one column at a time), a form's notebook tabs, the
// chatter's buttons and a graph's buttons. Their content fits; only the strip scrolls.
const SWIPE_STRIPS = [
    ".o_kanban_renderer.o_kanban_grouped",
    ".o_notebook_headers",
    ".o-mail-Chatter-topbar",
    // The graph's measure and chart-type buttons
    ".o_graph_renderer .overflow-x-auto",
].join(", ");

function clippedByAncestor(element) {
    for (let parent = element.parentElement; parent && parent !== document.body; ) {
        if (scrollsItself(parent)) {
            return true;
        }
        parent = parent.parentElement;
    }
    return false;
}

/** The page scrolls sideways: by how much, and the widest element past the right edge. */
function pageProblems(width) {
    if (document.documentElement.scrollWidth <= width + 1) {
        return [];
    }
    const widest = [...document.body.querySelectorAll("*")]
        .map((element) => [element.getBoundingClientRect(), element])
        .filter(
            ([rect, element]) =>
                rect.width > 0 &&
                rect.height > 0 &&
                (rect.right > width + 1 || rect.left < -1) &&
                getComputedStyle(element).position !== "fixed" &&
                !clippedByAncestor(element)
        )
        .sort((a, b) => b[0].width - a[0].width)[0];
    return [
        `the page is ${document.documentElement.scrollWidth}px wide for a ${width}px viewport` +
            ` (widest element past the edge: ${describe(widest?.[1])}, ${Math.round(widest?.[0].width || 0)}px)`,
    ];
}

/** Children of the view's content (or of a dialog) wider than the viewport. */
function contentProblems(width) {
    return [
        ...document.querySelectorAll(".o_action_manager .o_content > *, .modal .modal-body > *"),
    ]
        .filter((child) => child.getBoundingClientRect().width > width + 1)
        .map(
            (child) =>
                `${describe(child)} is ${Math.round(child.getBoundingClientRect().width)}px wide`
        );
}

function widestInside(box) {
    let best = null;
    let bestWidth = 0;
    for (const element of box.querySelectorAll("*")) {
        const elementWidth = element.getBoundingClientRect().width;
        if (elementWidth > bestWidth) {
            best = element;
            bestWidth = elementWidth;
        }
    }
    return best;
}

/** Boxes of the view that scroll sideways inside themselves (a list too wide for a phone). */
function scrollingBoxProblems() {
    return [...document.querySelectorAll(".o_action_manager .o_content *, .modal .modal-body *")]
        .filter(
            (box) =>
                box.clientWidth > 0 &&
                box.scrollWidth > box.clientWidth + 1 &&
                ["auto", "scroll"].includes(getComputedStyle(box).overflowX) &&
                !box.matches(SWIPE_STRIPS)
        )
        .map(
            (box) =>
                `${describe(box)} scrolls sideways: ${box.scrollWidth}px of content in ${box.clientWidth}px` +
                ` (widest inside: ${describe(widestInside(box))})`
        );
}

/**
 * What makes the screen wider than the viewport, or "" when nothing does:
 * the document scrolls sideways, a child of .o_content (or of a dialog) is wider than the
 * viewport, or a box of the view scrolls sideways inside itself (a list too wide for the
 * phone), apart from Odoo's swipe strips (SWIPE_STRIPS).
 */
export function mnWidthProblem() {
    const width = window.innerWidth;
    return [...pageProblems(width), ...contentProblems(width), ...scrollingBoxProblems()].join(
        "; "
    );
}

/**
 * Phone only: fail when the screen now shown is wider than the phone (see mnWidthProblem),
 * naming the screen. ``trigger`` waits for the screen to be there.
 */
export function mnCheckWidth(screen, trigger = ".o_action_manager .o_content") {
    return {
        isActive: ["mobile"],
        content: `phone: ${screen} fits the phone's width`,
        trigger,
        async run() {
            // Let the layout settle (fonts, lazy widgets)
            await pause(300);
            const problem = mnWidthProblem();
            if (problem) {
                throw new Error(`Screen "${screen}" is wider than the phone: ${problem}`);
            }
        },
    };
}
