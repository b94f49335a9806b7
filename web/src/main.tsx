import { render } from "preact";
import { bindUnauthorized } from "./identity/store";
import { bindDocumentLang } from "./i18n/store";
import { App } from "./shell/App";
import { bindHistory } from "./shell/router";
import { loadMeta } from "./shell/store";
import "./ui/base.css";
import "./ui/components.css";
import "./shell/shell.css";
import "./identity/identity.css";
import "./chat/chat.css";
import "./contacts/contacts.css";
import "./wallet/wallet.css";

bindDocumentLang();
bindHistory();
bindUnauthorized();
void loadMeta();

const root = document.getElementById("app");
if (root) render(<App />, root);
