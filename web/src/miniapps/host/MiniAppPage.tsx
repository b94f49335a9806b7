// /mp/<appid>?path=/pages/x&scene=abc: a mini-program running inside Plaza. The host draws
// the title bar (title from plaza.setTitle, Back through the mini-program's own pages first,
// the capsule), a launch screen until the mini-program says it is ready, and an error screen
// if it has not within 10 seconds. The mini-program itself runs in a sandboxed iframe on its
// own origin, never with allow-same-origin, and reaches the host only through the bridge.

import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { errorMessage } from "../../i18n/errors";
import { t } from "../../i18n/t";
import { back, navigate } from "../../shell/router";
import { Button } from "../../ui/Button";
import { Dialog } from "../../ui/Dialog";
import { BackIcon } from "../../ui/icons";
import { ErrorState, LoadingState } from "../../ui/States";
import { getDirectoryEntry, recordOpen, type DirectoryEntry } from "../api";
import { grantedScopes, type Scope } from "./api";
import { startBridge } from "./bridge";
import { AboutSheet, Capsule, CapsuleMenu } from "./CapsuleMenu";
import { ConsentDialog } from "./ConsentDialog";
import { createHandlers, type HostContext, type Prompt, type PromptAnswers } from "./handlers";
import { PaymentSheet } from "./PaymentSheet";
import { appPath, CallError } from "./protocol";
import { ScannerSheet } from "./ScannerSheet";
import { SharePicker } from "./SharePicker";
import { SubscribeDialog } from "./SubscribeDialog";
import "./host.css";

/** How long a mini-program has to call plaza.ready() before the error screen. */
export const READY_TIMEOUT_MS = 10_000;
/** As WeChat: at most 10 pages on a mini-program's stack. */
const STACK_MAX = 10;
/** Where Back and close go when the mini-program was opened directly. */
const LEAVE_TO = "/discover";

interface StackPage {
  path: string;
  /** From plaza.setTitle; null shows the mini-program's name. */
  title: string | null;
  /** Echoed by plaza.js in every message from this page; a new one for each page load. */
  session: string;
}

interface ActivePrompt {
  prompt: Prompt;
  settle: (answer: PromptAnswers[Prompt["kind"]]) => void;
}

type Phase = "loading" | "running" | "stalled";

function newSession(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

function page(path: string): StackPage {
  return { path, title: null, session: newSession() };
}

/** The first page: ?path= when it is one of the mini-program's, else its default page. */
function launchPath(origin: string, requested: string | null): string {
  if (requested === null || requested === "") return "/";
  try {
    return appPath(origin, requested);
  } catch {
    return "/";
  }
}

/** The frame's URL: the page on the app's origin; the hash tells plaza.js where the host is. */
function frameSrc(entry: DirectoryEntry, top: StackPage, scene: string | null): string {
  const hash = new URLSearchParams({ "plaza-host": location.origin, "plaza-session": top.session });
  if (scene) hash.set("scene", scene);
  return `${entry.origin}${top.path}#${hash.toString()}`;
}

/** Camera and location for the frame's own use, only once the person granted them. */
function permissionsFor(scopes: Set<Scope>): string | undefined {
  const allowed = [scopes.has("camera") ? "camera" : null, scopes.has("location") ? "geolocation" : null];
  const list = allowed.filter((item) => item !== null);
  return list.length > 0 ? list.join("; ") : undefined;
}

function LaunchScreen({ entry }: { entry: DirectoryEntry }) {
  return (
    <div class="mp-launch" data-testid="miniapp-loading">
      <div class="mp-launch__icon">
        <img src={entry.icon_url} alt="" class="mp-launch__img" onError={(event) => (event.currentTarget.style.visibility = "hidden")} />
        <span class="mp-launch__ring" role="progressbar" aria-busy="true" aria-label={t("common.loading")} />
      </div>
      <p class="mp-launch__name">{entry.name}</p>
    </div>
  );
}

function StalledScreen({ entry, onRetry, onClose }: { entry: DirectoryEntry; onRetry: () => void; onClose: () => void }) {
  return (
    <div class="mp-stalled" role="alert" data-testid="miniapp-error">
      <img src={entry.icon_url} alt="" class="mp-stalled__icon" onError={(event) => (event.currentTarget.style.visibility = "hidden")} />
      <p class="mp-stalled__title">{t("mphost.stalled_title", { name: entry.name })}</p>
      <p class="mp-stalled__text">{t("mphost.stalled_text")}</p>
      <div class="mp-stalled__actions">
        <Button testid="miniapp-retry" onClick={onRetry}>
          {t("common.retry")}
        </Button>
        <Button variant="default" testid="miniapp-leave" onClick={onClose}>
          {t("mphost.close")}
        </Button>
      </div>
    </div>
  );
}

export function MiniAppPage({ appId }: { appId: string }) {
  const [launch] = useState(() => new URLSearchParams(location.search));
  const scene = launch.get("scene");
  const [entry, setEntry] = useState<DirectoryEntry | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [scopes] = useState(() => new Set<Scope>());
  const [stack, setStack] = useState<StackPage[]>([]);
  const [phase, setPhase] = useState<Phase>("loading");
  const [attempt, setAttempt] = useState(0);
  const [active, setActive] = useState<ActivePrompt | null>(null);
  const [sheet, setSheet] = useState<"menu" | "about" | "share" | null>(null);
  const frame = useRef<HTMLIFrameElement>(null);
  const stackRef = useRef(stack);
  stackRef.current = stack;
  const activeRef = useRef(active);
  activeRef.current = active;

  function leave() {
    back(LEAVE_TO);
  }

  function load() {
    setFailure(null);
    Promise.all([getDirectoryEntry(appId), grantedScopes(appId)]).then(([found, granted]) => {
      granted.forEach((scope) => scopes.add(scope));
      setStack([page(launchPath(found.origin, launch.get("path")))]);
      setEntry(found);
      recordOpen(appId).catch(() => undefined);
    }, setFailure);
  }
  useEffect(load, [appId]);

  // Started again for each launch (and retry): the first page has this long to say it is ready.
  useEffect(() => {
    if (entry === null) return;
    const timer = window.setTimeout(() => setPhase((now) => (now === "loading" ? "stalled" : now)), READY_TIMEOUT_MS);
    return () => window.clearTimeout(timer);
  }, [entry, attempt]);

  const context = useMemo<HostContext | null>(() => {
    if (entry === null) return null;
    const top = () => stackRef.current[stackRef.current.length - 1];
    return {
      appId,
      origin: entry.origin,
      scopes,
      ask: (prompt) =>
        new Promise((resolve, reject) => {
          if (activeRef.current !== null) {
            reject(new CallError("bridge.busy", "The host is already showing a dialog"));
            return;
          }
          const settle = (answer: unknown) => {
            activeRef.current = null;
            setActive(null);
            resolve(answer as never);
          };
          activeRef.current = { prompt, settle };
          setActive(activeRef.current);
        }),
      page: () => ({ path: top()?.path ?? "/", title: top()?.title ?? entry.name }),
      navigateTo: (path) => {
        if (stackRef.current.length >= STACK_MAX) throw new CallError("navigation.too_deep", "At most 10 pages deep");
        setStack((now) => [...now, page(path)]);
      },
      navigateBack: () => {
        if (stackRef.current.length <= 1) throw new CallError("navigation.at_root", "Already on the first page");
        setStack((now) => now.slice(0, -1).map((p, i, all) => (i === all.length - 1 ? { ...p, session: newSession() } : p)));
      },
      setTitle: (title) => setStack((now) => now.map((p, i) => (i === now.length - 1 ? { ...p, title } : p))),
      openMiniProgram: (other, path) => {
        navigate(`/mp/${encodeURIComponent(other)}${path ? `?${new URLSearchParams({ path }).toString()}` : ""}`);
      },
      close: leave,
    };
  }, [entry]);

  useEffect(() => {
    if (entry === null || context === null) return;
    return startBridge({
      origin: entry.origin,
      frame: () => frame.current,
      session: () => stackRef.current[stackRef.current.length - 1]?.session ?? "",
      handlers: createHandlers(context),
      onReady: () => setPhase("running"),
    });
  }, [context]);

  function goBack() {
    if (stack.length > 1) context?.navigateBack();
    else leave();
  }

  /** Starts the mini-program again at its first page (the error screen's retry, the menu's reopen). */
  function retry() {
    setStack((now) => now.slice(0, 1).map((p) => ({ ...p, title: null, session: newSession() })));
    setPhase("loading");
    setAttempt((n) => n + 1);
  }

  const top = stack[stack.length - 1];
  const title = entry === null || phase !== "running" ? "" : (top?.title ?? entry.name);

  return (
    <section class="mp" data-testid="miniapp-page" data-app-id={appId} data-phase={entry === null ? "entry" : phase}>
      <header class="mp-bar">
        <div class="mp-bar__side">
          <button type="button" class="navbar__back" aria-label={t("common.back")} data-testid="nav-back" onClick={goBack}>
            <BackIcon size={24} />
          </button>
        </div>
        <div class="mp-bar__center">
          <h1 class="mp-bar__title" data-testid="miniapp-title">
            {title}
          </h1>
          {entry?.trial && (
            <span class="mp-bar__trial" data-testid="miniapp-trial">
              {t("mphost.trial")}
            </span>
          )}
        </div>
        <div class="mp-bar__side mp-bar__side--right">
          <Capsule onMenu={() => entry && setSheet("menu")} onClose={leave} />
        </div>
      </header>
      <div class="mp-body">
        {failure !== null && <ErrorState title={t("mphost.not_found")} message={errorMessage(failure)} onRetry={load} />}
        {failure === null && entry === null && <LoadingState />}
        {entry !== null && top && (
          <iframe
            key={top.session}
            ref={frame}
            class={phase === "running" ? "mp-frame" : "mp-frame mp-frame--hidden"}
            src={frameSrc(entry, top, scene)}
            sandbox="allow-scripts allow-forms"
            allow={permissionsFor(scopes)}
            referrerpolicy="no-referrer"
            title={entry.name}
            data-testid="miniapp-frame"
          />
        )}
        {entry !== null && phase === "loading" && <LaunchScreen entry={entry} />}
        {entry !== null && phase === "stalled" && <StalledScreen entry={entry} onRetry={retry} onClose={leave} />}
      </div>
      {entry !== null && sheet === "menu" && (
        <CapsuleMenu
          entry={entry}
          onShare={() => setSheet("share")}
          onReload={retry}
          onAbout={() => setSheet("about")}
          onClose={() => setSheet((now) => (now === "menu" ? null : now))}
        />
      )}
      {entry !== null && sheet === "about" && <AboutSheet entry={entry} onClose={() => setSheet(null)} />}
      {entry !== null && sheet === "share" && (
        <SharePicker
          appId={appId}
          appName={entry.name}
          title={top?.title ?? entry.name}
          path={top?.path ?? "/"}
          onDone={() => setSheet(null)}
        />
      )}
      {entry !== null && active !== null && <PromptView entry={entry} active={active} />}
    </section>
  );
}

function PromptView({ entry, active }: { entry: DirectoryEntry; active: ActivePrompt }) {
  const { prompt, settle } = active;
  switch (prompt.kind) {
    case "consent":
      return <ConsentDialog entry={entry} scope={prompt.scope} onAnswer={settle} />;
    case "payment":
      return <PaymentSheet appId={entry.app_id} order={prompt.order} onDone={settle} />;
    case "subscribe":
      return <SubscribeDialog entry={entry} templates={prompt.templates} onAnswer={settle} />;
    case "modal":
      return (
        <Dialog
          title={prompt.title}
          confirmLabel={prompt.confirmText ?? t("mphost.ok")}
          onConfirm={() => settle(true)}
          onCancel={() => settle(false)}
        >
          {prompt.content || undefined}
        </Dialog>
      );
    case "scan":
      return <ScannerSheet onResult={settle} />;
    case "share":
      return <SharePicker appId={entry.app_id} appName={entry.name} title={prompt.title} path={prompt.path} onDone={settle} />;
  }
}
