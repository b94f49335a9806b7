// Discover -> Mini Programs: recently used as a grid of icons, a search by name, the
// directory's categories and a list of released mini-programs. A tap opens /mp/<app_id>.

import { useEffect, useRef, useState } from "preact/hooks";
import { errorMessage } from "../../i18n/errors";
import { t, type MessageKey } from "../../i18n/t";
import { back, navigate } from "../../shell/router";
import { Button } from "../../ui/Button";
import { SearchIcon } from "../../ui/icons";
import { Page } from "../../ui/Page";
import { Spinner } from "../../ui/Spinner";
import { ErrorState } from "../../ui/States";
import {
  directoryCategories,
  recentMiniApps,
  searchDirectory,
  type Category,
  type CategoryCount,
  type DirectoryEntry,
} from "../api";
import { MiniProgramIcon } from "./icons";
import { MiniAppIcon } from "./MiniAppIcon";
import "./discover.css";

const SEARCH_DELAY_MS = 250;

export function categoryLabel(category: Category): string {
  return t(`discover.category.${category}` as MessageKey);
}

function open(entry: DirectoryEntry) {
  navigate(`/mp/${entry.app_id}`);
}

function RecentGrid({ entries }: { entries: DirectoryEntry[] }) {
  return (
    <section class="mpd-section" data-testid="miniapps-recent">
      <h2 class="mpd-section__title">{t("discover.recent")}</h2>
      <div class="mpd-grid">
        {entries.map((entry) => (
          <button
            type="button"
            key={entry.app_id}
            class="mpd-tile"
            data-testid={`miniapps-recent-${entry.app_id}`}
            onClick={() => open(entry)}
          >
            <MiniAppIcon src={entry.icon_url} name={entry.name} appId={entry.app_id} size={48} />
            <span class="mpd-tile__name">{entry.name}</span>
          </button>
        ))}
      </div>
    </section>
  );
}

function Chips({
  categories,
  selected,
  onSelect,
}: {
  categories: CategoryCount[];
  selected: Category | null;
  onSelect: (category: Category | null) => void;
}) {
  const chip = (category: Category | null, label: string) => (
    <button
      type="button"
      key={category ?? "all"}
      role="radio"
      aria-checked={selected === category}
      class={selected === category ? "mpd-chip mpd-chip--on" : "mpd-chip"}
      data-testid={`miniapps-category-${category ?? "all"}`}
      onClick={() => onSelect(category)}
    >
      {label}
    </button>
  );
  return (
    <div class="mpd-chips" role="radiogroup" aria-label={t("discover.categories")}>
      {chip(null, t("discover.category_all"))}
      {categories.map(({ category }) => chip(category, categoryLabel(category)))}
    </div>
  );
}

function DirectoryRow({ entry }: { entry: DirectoryEntry }) {
  return (
    <button type="button" class="mpd-row" data-testid={`miniapps-entry-${entry.app_id}`} onClick={() => open(entry)}>
      <MiniAppIcon src={entry.icon_url} name={entry.name} appId={entry.app_id} size={44} />
      <span class="mpd-row__text">
        <span class="mpd-row__name">{entry.name}</span>
        <span class="mpd-row__about">{entry.description || entry.developer}</span>
      </span>
      <span class="mpd-row__category">{categoryLabel(entry.category)}</span>
    </button>
  );
}

interface Results {
  items: DirectoryEntry[];
  next: string | null;
}

export function MiniProgramsPage() {
  const [recent, setRecent] = useState<DirectoryEntry[]>([]);
  const [categories, setCategories] = useState<CategoryCount[]>([]);
  const [query, setQuery] = useState("");
  const [category, setCategory] = useState<Category | null>(null);
  const [results, setResults] = useState<Results | null>(null);
  const [busy, setBusy] = useState(false);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const latest = useRef(0);

  useEffect(() => {
    recentMiniApps().then(setRecent, () => setRecent([]));
    directoryCategories().then(setCategories, () => setCategories([]));
  }, [attempt]);

  useEffect(() => {
    const ticket = ++latest.current;
    setBusy(true);
    const timer = window.setTimeout(
      () => {
        searchDirectory({ q: query.trim(), category }).then(
          (page) => {
            if (ticket !== latest.current) return;
            setResults({ items: page.items, next: page.next_cursor });
            setError(null);
            setBusy(false);
          },
          (caught: unknown) => {
            if (ticket !== latest.current) return;
            setError(errorMessage(caught));
            setBusy(false);
          },
        );
      },
      query === "" ? 0 : SEARCH_DELAY_MS,
    );
    return () => window.clearTimeout(timer);
  }, [query, category, attempt]);

  async function loadMore() {
    if (results?.next == null) return;
    const ticket = latest.current;
    setLoadingMore(true);
    try {
      const page = await searchDirectory({ q: query.trim(), category, cursor: results.next });
      if (ticket !== latest.current) return;
      setResults({ items: [...results.items, ...page.items], next: page.next_cursor });
    } catch (caught) {
      if (ticket === latest.current) setError(errorMessage(caught));
    } finally {
      setLoadingMore(false);
    }
  }

  const searching = query.trim() !== "";
  const empty = results !== null && results.items.length === 0 && !busy;

  return (
    <Page title={t("discover.miniapps")} onBack={() => back("/discover")} testid="miniapps-page">
      <label class="search-field mpd-search">
        <SearchIcon size={18} />
        <input
          type="search"
          value={query}
          placeholder={t("discover.search_placeholder")}
          aria-label={t("discover.search_placeholder")}
          autoComplete="off"
          spellcheck={false}
          enterKeyHint="search"
          maxLength={30}
          data-testid="miniapps-search"
          onInput={(event) => setQuery(event.currentTarget.value)}
        />
      </label>

      {!searching && recent.length > 0 && <RecentGrid entries={recent} />}

      <section class="mpd-section mpd-section--list">
        <h2 class="mpd-section__title">{searching ? t("discover.results") : t("discover.directory")}</h2>
        {categories.length > 0 && <Chips categories={categories} selected={category} onSelect={setCategory} />}
        {error !== null && results === null ? (
          <ErrorState title={t("discover.load_failed")} message={error} onRetry={() => setAttempt((n) => n + 1)} />
        ) : (
          <div class="mpd-list" data-testid="miniapps-directory">
            {results?.items.map((entry) => <DirectoryRow key={entry.app_id} entry={entry} />)}
          </div>
        )}
        {empty && (
          <div class="mpd-empty" data-testid="miniapps-empty">
            <MiniProgramIcon size={36} />
            <p>{searching ? t("discover.no_results", { query: query.trim() }) : t("discover.none_yet")}</p>
          </div>
        )}
        {((busy && results === null) || loadingMore) && (
          <div class="mpd-more">
            <Spinner size={20} />
          </div>
        )}
        {!loadingMore && results?.next != null && (
          <div class="mpd-more">
            <Button variant="default" size="small" testid="miniapps-more" onClick={() => void loadMore()}>
              {t("discover.more")}
            </Button>
          </div>
        )}
      </section>
    </Page>
  );
}
