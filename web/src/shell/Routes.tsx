// Which screen a path shows, once signed in with a complete profile.

import type { JSX } from "preact";
import { useEffect } from "preact/hooks";
import type { Me } from "../api/types";
import { AdminsPage } from "../chat/AdminsPage";
import { ChatInfoPage } from "../chat/ChatInfoPage";
import { ChatsTab } from "../chat/ChatsTab";
import { ConversationPage } from "../chat/ConversationPage";
import { GroupQrPage } from "../chat/GroupQrPage";
import { GroupTextPage } from "../chat/GroupTextPage";
import { JoinPage } from "../chat/JoinPage";
import { NewGroupPage } from "../chat/NewGroupPage";
import { startChat } from "../chat/store";
import { ContactsTab } from "../contacts/ContactsTab";
import { GroupChatsPage } from "../contacts/GroupChatsPage";
import { MyQrPage } from "../contacts/MyQrPage";
import { NewFriendsPage } from "../contacts/NewFriendsPage";
import { PersonPage, PlazaIdPage } from "../contacts/PersonPage";
import { PrivacyPage } from "../contacts/PrivacyPage";
import { RemarkPage } from "../contacts/RemarkPage";
import { ScanPage } from "../contacts/ScanPage";
import { SearchPage } from "../contacts/SearchPage";
import { startContacts } from "../contacts/store";
import { TagsPage } from "../contacts/TagsPage";
import { DeleteAccountPage } from "../identity/me/DeleteAccountPage";
import { DevicesPage } from "../identity/me/DevicesPage";
import { EditFieldPage } from "../identity/me/EditFieldPage";
import { MeTab } from "../identity/me/MeTab";
import { ProfilePage } from "../identity/me/ProfilePage";
import { followDeviceEvents, token } from "../identity/store";
import { LanguagePage } from "../i18n/LanguagePage";
import { MiniAppPage } from "../miniapps/host/MiniAppPage";
import { DiscoverTab } from "../miniapps/discover/DiscoverTab";
import { GrantsPage } from "../miniapps/discover/GrantsPage";
import { MiniProgramsPage } from "../miniapps/discover/MiniProgramsPage";
import { Console } from "../miniapps/console/Console";
import { AlbumPage } from "../moments/AlbumPage";
import { ComposerPage } from "../moments/ComposerPage";
import { NotificationsPage } from "../moments/NotificationsPage";
import { PostPage } from "../moments/PostPage";
import { MomentsSettingsPage, PersonMomentsSettingsPage } from "../moments/SettingsPages";
import { StatusPage } from "../moments/StatusPage";
import { startMoments } from "../moments/store";
import { TimelinePage } from "../moments/TimelinePage";
import { OfficialConsole } from "../official/console/Console";
import { AccountChatPage } from "../official/AccountChat";
import { AccountProfilePage } from "../official/AccountProfilePage";
import { AccountsPage } from "../official/AccountsPage";
import { ArticlePage } from "../official/ArticlePage";
import { SubscriptionsPage } from "../official/SubscriptionsPage";
import { followSubscriptions } from "../official/store";
import { BillDetailPage, BillsPage } from "../wallet/BillsPage";
import { PinPage } from "../wallet/PinPage";
import { PinResetPage } from "../wallet/PinResetPage";
import { RealNamePage } from "../wallet/RealNamePage";
import { StatementPage } from "../wallet/StatementPage";
import { startWallet } from "../wallet/store";
import { TransferPage } from "../wallet/TransferPage";
import { WalletPage } from "../wallet/WalletPage";
import { EnvelopeDetailPage } from "../wallet/envelopes/EnvelopeDetailPage";
import { EnvelopePage } from "../wallet/envelopes/EnvelopePage";
import { startEnvelopes } from "../wallet/envelopes/store";
import { AddCardPage } from "../wallet/bank/AddCardPage";
import { BankOrderFormPage } from "../wallet/bank/BankOrderForm";
import { BankOrderPage } from "../wallet/bank/BankOrderPage";
import { CardsPage } from "../wallet/bank/CardsPage";
import { startBank } from "../wallet/bank/store";
import { MerchantPage } from "../wallet/merchants/MerchantPage";
import { MoneyCodePage } from "../wallet/merchants/MoneyCodePage";
import { PayPage } from "../wallet/merchants/PayPage";
import { PosPage } from "../wallet/merchants/PosPage";
import { ReceiptPage } from "../wallet/merchants/ReceiptPage";
import { RefundPage } from "../wallet/merchants/RefundPage";
import { SettlePage } from "../wallet/merchants/SettlePage";
import { ReceiveQrPage } from "../wallet/merchants/ReceiveQrPage";
import { startShops } from "../wallet/merchants/store";
import { navigate, path, takeReturnPath } from "./router";
import { TabBar } from "./TabBar";
import { tabForPath, type TabId } from "./tabs";

export const HOME = "/chats";

function tabPage(tab: TabId, me: Me): JSX.Element {
  switch (tab) {
    case "chats":
      return <ChatsTab />;
    case "contacts":
      return <ContactsTab />;
    case "discover":
      return <DiscoverTab />;
    case "me":
      return <MeTab me={me} />;
  }
}

type Render = (params: string[], me: Me) => JSX.Element;

const SUB_PAGES: [RegExp, Render][] = [
  [/^\/me\/profile$/, (_, me) => <ProfilePage me={me} />],
  [/^\/me\/profile\/name$/, (_, me) => <EditFieldPage me={me} field="display_name" />],
  [/^\/me\/profile\/plaza-id$/, (_, me) => <EditFieldPage me={me} field="plaza_id" />],
  [/^\/me\/profile\/bio$/, (_, me) => <EditFieldPage me={me} field="bio" />],
  [/^\/me\/profile\/region$/, (_, me) => <EditFieldPage me={me} field="region" />],
  [/^\/me\/language$/, () => <LanguagePage />],
  [/^\/me\/devices$/, () => <DevicesPage />],
  [/^\/me\/delete$/, (_, me) => <DeleteAccountPage me={me} />],
  [/^\/me\/qr$/, (_, me) => <MyQrPage me={me} />],
  [/^\/me\/privacy$/, () => <PrivacyPage />],
  [/^\/me\/wallet$/, () => <WalletPage />],
  [/^\/me\/wallet\/real-name$/, () => <RealNamePage />],
  [/^\/me\/wallet\/pin$/, () => <PinPage />],
  [/^\/me\/wallet\/cards$/, () => <CardsPage />],
  [/^\/me\/wallet\/cards\/new$/, () => <AddCardPage />],
  [/^\/me\/wallet\/top-up$/, () => <BankOrderFormPage kind="top_up" />],
  [/^\/me\/wallet\/withdraw$/, () => <BankOrderFormPage kind="withdrawal" />],
  [/^\/me\/wallet\/bank-orders\/(\d+)$/, ([id]) => <BankOrderPage id={id ?? ""} />],
  [/^\/me\/wallet\/pin\/reset$/, (_, me) => <PinResetPage me={me} />],
  [/^\/me\/wallet\/bills$/, () => <BillsPage />],
  [/^\/me\/wallet\/bills\/(\d+)$/, ([id]) => <BillDetailPage id={id ?? ""} />],
  [/^\/me\/wallet\/statements\/(\d{4}-\d{2})$/, ([month]) => <StatementPage month={month ?? ""} />],
  [/^\/me\/wallet\/money-code$/, (_, me) => <MoneyCodePage me={me} />],
  [/^\/me\/wallet\/payments\/(\d+)$/, ([id], me) => <ReceiptPage id={id ?? ""} me={me} />],
  [/^\/me\/wallet\/payments\/(\d+)\/refund$/, ([id]) => <RefundPage id={id ?? ""} />],
  [/^\/me\/wallet\/merchant$/, () => <MerchantPage />],
  [/^\/me\/wallet\/merchant\/(\d+)\/qr$/, ([id]) => <ReceiveQrPage merchantId={id ?? ""} />],
  [/^\/me\/wallet\/merchant\/(\d+)\/pos$/, ([id]) => <PosPage merchantId={id ?? ""} />],
  [/^\/me\/wallet\/merchant\/(\d+)\/settle$/, ([id]) => <SettlePage merchantId={id ?? ""} />],
  // A shop's receive QR; a scan keeps its ?amount= in the path, an opened link in location.search.
  [/^\/pay\/(\d+)(?:\?.*)?$/, ([id]) => <PayPage merchantId={id ?? ""} />],
  [/^\/chats\/new-group$/, () => <NewGroupPage />],
  [/^\/chats\/(\d+)$/, ([id]) => <ConversationPage id={id ?? ""} />],
  [/^\/chats\/(\d+)\/transfer$/, ([id]) => <TransferPage id={id ?? ""} />],
  [/^\/chats\/(\d+)\/envelope$/, ([id]) => <EnvelopePage id={id ?? ""} />],
  [/^\/me\/wallet\/envelopes\/(\d+)$/, ([id]) => <EnvelopeDetailPage id={id ?? ""} />],
  [/^\/chats\/(\d+)\/info$/, ([id]) => <ChatInfoPage id={id ?? ""} />],
  [/^\/chats\/(\d+)\/info\/name$/, ([id]) => <GroupTextPage id={id ?? ""} field="name" />],
  [/^\/chats\/(\d+)\/info\/announcement$/, ([id]) => <GroupTextPage id={id ?? ""} field="announcement" />],
  [/^\/chats\/(\d+)\/info\/qr$/, ([id]) => <GroupQrPage id={id ?? ""} />],
  [/^\/chats\/(\d+)\/info\/admins$/, ([id]) => <AdminsPage id={id ?? ""} />],
  [/^\/join\/([^/]+)$/, ([token]) => <JoinPage token={token ?? ""} />],
  [/^\/contacts\/new-friends$/, () => <NewFriendsPage />],
  [/^\/contacts\/search$/, () => <SearchPage />],
  [/^\/contacts\/groups$/, () => <GroupChatsPage />],
  [/^\/contacts\/tags$/, () => <TagsPage />],
  [/^\/contacts\/scan$/, () => <ScanPage />],
  [/^\/contacts\/(\d+)$/, ([id]) => <PersonPage accountId={id ?? ""} />],
  [/^\/contacts\/(\d+)\/remark$/, ([id]) => <RemarkPage accountId={id ?? ""} />],
  [/^\/u\/([^/]+)$/, ([plazaId]) => <PlazaIdPage plazaId={plazaId ?? ""} />],
  // A mini-program; its ?path=&scene= stay in the path after a navigate(), else in location.search.
  [/^\/mp\/([a-z0-9]+)(?:\?.*)?$/, ([appId]) => <MiniAppPage appId={appId ?? ""} />],
  [/^\/dev((?:\/.*)?)$/, ([rest]) => <Console rest={rest ?? ""} />],
  // The official account console: its pages below /official-console are matched in official/console/Console.tsx.
  [/^\/official-console((?:\/.*)?)$/, ([rest]) => <OfficialConsole rest={rest ?? ""} />],
  [/^\/discover\/miniapps$/, () => <MiniProgramsPage />],
  [/^\/me\/miniapp-grants$/, () => <GrantsPage />],
  // Moments: timeline, composer, messages, a post, albums, privacy, per-person settings, my status.
  [/^\/discover\/moments$/, (_, me) => <TimelinePage me={me} />],
  [/^\/discover\/moments\/new$/, () => <ComposerPage />],
  [/^\/discover\/moments\/notifications$/, () => <NotificationsPage />],
  [/^\/discover\/moments\/posts\/(\d+)$/, ([id], me) => <PostPage postId={id ?? ""} me={me} />],
  [/^\/discover\/moments\/album\/(\d+)$/, ([id], me) => <AlbumPage accountId={id ?? ""} me={me} />],
  [/^\/discover\/moments\/settings$/, () => <MomentsSettingsPage />],
  [/^\/contacts\/(\d+)\/moments$/, ([id]) => <PersonMomentsSettingsPage accountId={id ?? ""} />],
  [/^\/me\/status$/, (_, me) => <StatusPage me={me} />],
  // Official accounts, the follower's side: directory, profile, its chat, the reader, the Subscriptions folder.
  [/^\/official$/, () => <AccountsPage />],
  [/^\/official\/accounts\/(\d+)$/, ([id]) => <AccountProfilePage accountId={id ?? ""} />],
  [/^\/official\/accounts\/(\d+)\/chat$/, ([id]) => <AccountChatPage accountId={id ?? ""} />],
  [/^\/official\/articles\/(\d+)$/, ([id]) => <ArticlePage articleId={id ?? ""} />],
  [/^\/official\/subscriptions$/, () => <SubscriptionsPage />],
];

function matchSubPage(pathname: string): ((me: Me) => JSX.Element) | undefined {
  for (const [pattern, render] of SUB_PAGES) {
    const match = pattern.exec(pathname);
    if (match) {
      const params = match.slice(1).map((part) => decodeURIComponent(part));
      return (me) => render(params, me);
    }
  }
  return undefined;
}

/** Chat, contacts, transfers and the device list (kept current by realtime events) run for as long as
 * someone is signed in. */
function useSession(me: Me) {
  useEffect(() => {
    const session = token.peek();
    if (session === null) return;
    const stopContacts = startContacts();
    const stopDevices = followDeviceEvents();
    const stopChat = startChat(me.id, session);
    const stopWallet = startWallet();
    const stopEnvelopes = startEnvelopes();
    const stopBank = startBank();
    const stopShops = startShops(me.id);
    const stopMoments = startMoments();
    const stopSubscriptions = followSubscriptions();
    return () => {
      stopSubscriptions();
      stopMoments();
      stopShops();
      stopBank();
      stopEnvelopes();
      stopWallet();
      stopChat();
      stopDevices();
      stopContacts();
    };
  }, [me.id]);
}

export function Routes({ me }: { me: Me }) {
  const current = path.value;
  const tab = tabForPath(current);
  const subPage = matchSubPage(current);
  const known = tab !== undefined || subPage !== undefined;
  useSession(me);

  useEffect(() => {
    const returnTo = takeReturnPath();
    if (returnTo && returnTo !== current) navigate(returnTo, { replace: true });
  }, []);

  useEffect(() => {
    if (!known) navigate(HOME, { replace: true });
  }, [known]);

  if (subPage) {
    return (
      <div class="screen screen--pushed" key={current}>
        {subPage(me)}
      </div>
    );
  }
  const tabId = tab?.id ?? "chats";
  return (
    <div class="screen screen--tabs">
      <div class="screen__main">{tabPage(tabId, me)}</div>
      <TabBar active={tabId} />
    </div>
  );
}
