// A cursor-paged list of posts (the timeline, an album): the first page, more on demand
// (the list's end scrolling into view), a refresh, and a post replaced or dropped in place.

import { useEffect, useRef, useState } from "preact/hooks";
import type { MomentsPage, Post } from "./types";

export interface PostPages {
  posts: Post[] | null;
  error: unknown;
  loading: boolean;
  hasMore: boolean;
  refresh: () => void;
  loadMore: () => void;
  replace: (id: string, post: Post | null) => void;
  /** Put on an element at the end of the list: more load when it scrolls into view. */
  sentinel: (element: Element | null) => void;
}

export function usePostPages(fetchPage: (cursor: string | null) => Promise<MomentsPage>, key: string): PostPages {
  const [posts, setPosts] = useState<Post[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);
  const generation = useRef(0);
  const observer = useRef<IntersectionObserver | null>(null);
  const more = useRef<() => void>(() => undefined);

  function load(from: string | null) {
    const mine = ++generation.current;
    setLoading(true);
    setError(null);
    fetchPage(from).then(
      (page) => {
        if (mine !== generation.current) return;
        setPosts((current) => (from === null ? page.items : [...(current ?? []), ...page.items]));
        setCursor(page.next_cursor);
        setLoading(false);
      },
      (caught: unknown) => {
        if (mine !== generation.current) return;
        setError(caught);
        setLoading(false);
      },
    );
  }

  const refresh = () => load(null);
  const loadMore = () => {
    if (!loading && cursor !== null && error === null) load(cursor);
  };
  more.current = loadMore;

  useEffect(() => {
    setPosts(null);
    load(null);
    return () => {
      generation.current++;
      observer.current?.disconnect();
    };
  }, [key]);

  function sentinel(element: Element | null) {
    observer.current?.disconnect();
    if (!element) return;
    observer.current = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) more.current();
    });
    observer.current.observe(element);
  }

  function replace(id: string, post: Post | null) {
    setPosts((current) =>
      (current ?? []).flatMap((item) => {
        if (item.id !== id) return [item];
        return post ? [post] : [];
      }),
    );
  }

  return { posts, error, loading, hasMore: cursor !== null, refresh, loadMore, replace, sentinel };
}
