// Where the follower's official-account screens live (shell/Routes.tsx maps them).

export const accountPath = (accountId: string) => `/official/accounts/${encodeURIComponent(accountId)}`;

export const articlePath = (articleId: string) => `/official/articles/${encodeURIComponent(articleId)}`;
