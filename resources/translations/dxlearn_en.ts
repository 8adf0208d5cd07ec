<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="ja">
<context>
    <name>CompletionChart</name>
    <message>
        <location filename="../../dxlearn/gui/record_page.py" line="+80"/>
        <source>必須レッスンの修了数の推移。{0}件のうち {1}件を修了。</source>
        <translation>Required lessons completed over time: {1} of {0} completed. </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>必須レッスンの修了数のグラフ</source>
        <translation>Chart of required lessons completed</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>まだ修了したレッスンはありません。</source>
        <translation>No lesson completed yet.</translation>
    </message>
</context>
<context>
    <name>CurriculumTree</name>
    <message>
        <location filename="../../dxlearn/gui/curriculum_tree.py" line="+30"/>
        <source>レッスン</source>
        <translation>Lesson</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>状況</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>目安</source>
        <translation>Est. time</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>カリキュラム</source>
        <translation>Curriculum</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>章とレッスンの一覧です。Enter キーでレッスンを開きます。</source>
        <translation>List of chapters and lessons. Press Enter to open a lesson.</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>修了</source>
        <translation>Completed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>学習中</source>
        <translation>In progress</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>未着手</source>
        <translation>Not started</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>（任意）</source>
        <translation> (optional)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0}分</source>
        <translation>{0} min</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>準備中</source>
        <translation>Unavailable</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>このレッスンには問題があるため、学習できません。</source>
        <translation>This lesson has a problem and cannot be studied.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>▶ </source>
        <translation>▶ </translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../dxlearn/gui/export_dialog.py" line="+64"/>
        <source>修了記録の書き出し</source>
        <translation>Export completion records</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>人事担当に提出する修了記録のファイルを作ります。ファイルと一緒に、改ざんを確認するための「.sig.json」ファイルも作られます。</source>
        <translation>Creates a file of completion records to submit to HR. A “.sig.json” file, used to check that the records have not been altered, is created alongside it.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>学習者ごとの集計（summary）</source>
        <translation>Totals per learner (summary)</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>レッスンごとの明細（detail）</source>
        <translation>Details per lesson (detail)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>CSV（Excel・人事システム向け）</source>
        <translation>CSV (for Excel and HR systems)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Excel ブック（.xlsx）</source>
        <translation>Excel workbook (.xlsx)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>xAPI（学習記録ストア向け JSON）</source>
        <translation>xAPI (JSON for learning record stores)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>UTF-8（BOM付き）</source>
        <translation>UTF-8 (with BOM)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shift_JIS（CP932）</source>
        <translation>Shift_JIS (CP932)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>英語（staff_id など）</source>
        <translation>English (staff_id, etc.)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>日本語（職員番号 など）</source>
        <translation>Japanese (職員番号, etc.)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>自分の記録だけ</source>
        <translation>My records only</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>このパソコンの全学習者</source>
        <translation>All learners on this computer</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>参照...</source>
        <translation>Browse...</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>使わない（上の内容・形式で書き出す）</source>
        <translation>None (write with the content and format above)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>内容：</source>
        <translation>Content:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>形式：</source>
        <translation>Format:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>文字コード：</source>
        <translation>Encoding:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>見出し：</source>
        <translation>Headers:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>対象：</source>
        <translation>Learners:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>取込プロファイル：</source>
        <translation>Import profile:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>保存先フォルダー：</source>
        <translation>Save to folder:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ファイル名：</source>
        <translation>File name:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>書き出す</source>
        <translation>Export</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>キャンセル</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>保存先フォルダー</source>
        <translation>Destination folder</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>保存先フォルダーが見つかりません：{0}
フォルダーを選び直してください。</source>
        <translation>Destination folder not found: {0}
Please choose the folder again.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>ファイル名を入力してください。</source>
        <translation>Please enter a file name.</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>書き出しています...</source>
        <translation>Exporting...</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>書き出しできませんでした</source>
        <translation>Export failed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>修了記録を書き出せませんでした。ファイルは作られていません。

{0}</source>
        <translation>Could not export the completion records. No file was created.

{0}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>書き出しました</source>
        <translation>Export complete</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>修了記録を書き出しました（{0} 行）。

{1}
{2}</source>
        <translation>Exported the completion records ({0} rows).

{1}
{2}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>フォルダーを開く</source>
        <translation>Open folder</translation>
    </message>
    <message>
        <location line="+36"/>
        <location line="+41"/>
        <location line="+9"/>
        <source>修了証</source>
        <translation>Certificate</translation>
    </message>
    <message>
        <location line="-49"/>
        <source>修了証は、必須レッスンをすべて修了すると発行できます。
ホーム画面で残りのレッスンを確認してください。</source>
        <translation>A certificate can be issued once you have completed all required lessons.
Check your remaining lessons on the home screen.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>修了証の保存先</source>
        <translation>Save certificate as</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PDF ファイル (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>修了証を保存できませんでした。保存先のフォルダーやファイルを確認してください。
{0}</source>
        <translation>The certificate could not be saved. Please check the folder and the file.
{0}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>修了証を保存しました。
{0}</source>
        <translation>Certificate saved.
{0}</translation>
    </message>
</context>
<context>
    <name>ExternalLinkDialog</name>
    <message>
        <location filename="../../dxlearn/gui/dialogs.py" line="+34"/>
        <source>外部のページ</source>
        <translation>External page</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>このパソコンはインターネットに接続していないため、ページは開きません。
必要な場合は、アドレスをコピーしてインターネットに接続できる端末で開いてください。</source>
        <translation>This computer is not connected to the internet, so the page cannot be opened.
If you need it, copy the address and open it on a device that can connect to the internet.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>アドレス</source>
        <translation>Address</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>アドレスをコピー</source>
        <translation>Copy address</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>閉じる</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>コピーしました。</source>
        <translation>Copied.</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <location filename="../../dxlearn/gui/home_page.py" line="+28"/>
        <location line="+59"/>
        <source>次のレッスンを学習する</source>
        <translation>Start the next lesson</translation>
    </message>
    <message>
        <location line="-43"/>
        <source>左の一覧からレッスンを選ぶこともできます。
レッスンを最後まで読み、理解度チェックに合格すると、そのレッスンは修了です。
学習の記録は自動で保存されます。途中でやめても、続きから再開できます。</source>
        <translation>You can also choose a lesson from the list on the left.
Read a lesson to the end and pass its knowledge check to complete it.
Your progress is saved automatically. If you stop partway, you can pick up where you left off.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>{0} さん、ようこそ</source>
        <translation>Welcome, {0}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{0}の必須レッスン {1} 件をすべて修了しました。おつかれさまでした。</source>
        <translation>You have completed all {1} required lessons for {0}. Well done!</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{0}の必須レッスン {1} 件のうち {2} 件を修了しています（残り {3} 件）。</source>
        <translation>You have completed {2} of {1} required lessons for {0} ({3} remaining).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>（目安 {0}分）</source>
        <translation> (about {0} min)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>次に学習するレッスン：{0}{1}</source>
        <translation>Next lesson: {0}{1}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>学習するレッスンはもうありません。</source>
        <translation>There are no more lessons to study.</translation>
    </message>
</context>
<context>
    <name>LessonPage</name>
    <message>
        <location filename="../../dxlearn/gui/lesson_page.py" line="+50"/>
        <source>レッスン本文</source>
        <translation>Lesson text</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+86"/>
        <source>読了にする</source>
        <translation>Mark as read</translation>
    </message>
    <message>
        <location line="-84"/>
        <source>このレッスンを読了にする</source>
        <translation>Mark this lesson as read</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+2"/>
        <source>理解度チェックを始める</source>
        <translation>Start knowledge check</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>必須</source>
        <translation>Required</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>任意</source>
        <translation>Optional</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>目安 {0}分</source>
        <translation>About {0} min</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>状況: 修了</source>
        <translation>Status: Completed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>状況: 学習中</source>
        <translation>Status: In progress</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>状況: 未着手</source>
        <translation>Status: Not started</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>読了済み</source>
        <translation>Read</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>このレッスンは修了しています。</source>
        <translation>You have completed this lesson.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>次は理解度チェックです。合格するとこのレッスンは修了です。</source>
        <translation>Next is the knowledge check. Pass it to complete this lesson.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>最後まで読むと読了になります。その後、理解度チェックに合格すると修了です。</source>
        <translation>Read to the end to mark the lesson as read, then pass the knowledge check to complete it.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>最後まで読むか「読了にする」を押すと修了です。</source>
        <translation>Read to the end or press “Mark as read” to complete this lesson.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>このレッスンの目標</source>
        <translation>Goals of this lesson</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../dxlearn/gui/app.py" line="+260"/>
        <location filename="../../dxlearn/gui/main_window.py" line="+70"/>
        <location line="+212"/>
        <source>自治体DX研修 - {0}</source>
        <translation>Municipal DX Training - {0}</translation>
    </message>
    <message>
        <location filename="../../dxlearn/gui/main_window.py" line="-181"/>
        <source>必須レッスンの修了状況</source>
        <translation>Progress in required lessons</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>学習する教材</source>
        <translation>Library to study</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>すべてのレッスンを表示</source>
        <translation>Show all lessons</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>修了状況：</source>
        <translation>Progress:</translation>
    </message>
    <message>
        <location line="-68"/>
        <source>ホームに戻る</source>
        <translation>Back to home</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>学習の記録は自動で保存されます。</source>
        <translation>Your progress is saved automatically.</translation>
    </message>
    <message>
        <location line="+133"/>
        <source>{0} さん（{1}・{2}）</source>
        <translation>{0} ({1}, {2})</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>必須レッスン {0} / {1} 修了</source>
        <translation>Required lessons: {0} / {1} completed</translation>
    </message>
    <message>
        <location line="+110"/>
        <source>このレッスンは教材ファイルに問題があるため、現在は学習できません。</source>
        <translation>This lesson cannot be studied at the moment because there is a problem with its course file.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>研修担当者に次の内容を伝えてください。</source>
        <translation>Please pass the following on to your training coordinator.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>理解度チェック</source>
        <translation>Knowledge check</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>受験できる回数の上限に達しています。研修担当者に相談してください。</source>
        <translation>You have reached the maximum number of attempts. Please contact your training coordinator.</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>&lt;h2&gt;使い方&lt;/h2&gt;&lt;ol&gt;&lt;li&gt;左の一覧、またはホームの「次のレッスンを学習する」からレッスンを開きます。&lt;/li&gt;&lt;li&gt;本文を最後までスクロールすると「読了」になります。「読了にする」ボタンでも構いません。&lt;/li&gt;&lt;li&gt;「理解度チェックを始める」を押し、問題に答えます。合格するとレッスンは修了です。&lt;/li&gt;&lt;li&gt;記録は自動で保存されます。途中で閉じても、続きから再開できます。&lt;/li&gt;&lt;/ol&gt;&lt;h2&gt;キー操作&lt;/h2&gt;&lt;ul&gt;&lt;li&gt;Ctrl + = / Ctrl + - / Ctrl + 0：文字の拡大・縮小・標準&lt;/li&gt;&lt;li&gt;Ctrl + H：ホームに戻る&lt;/li&gt;&lt;li&gt;Ctrl + F：レッスンを検索（Enter で開く、Esc で閉じる）&lt;/li&gt;&lt;li&gt;Ctrl + R：今日の復習&#x3000;Ctrl + L：学習の記録&lt;/li&gt;&lt;li&gt;理解度チェックでは、数字キーで選択肢を選び、Enter で回答・次へ進みます。&lt;/li&gt;&lt;/ul&gt;</source>
        <translation>&lt;h2&gt;How to use&lt;/h2&gt;&lt;ol&gt;&lt;li&gt;Open a lesson from the list on the left, or with “Start the next lesson” on the home screen.&lt;/li&gt;&lt;li&gt;Scroll the text to the end and the lesson is marked as read. You can also press the “Mark as read” button.&lt;/li&gt;&lt;li&gt;Press “Start knowledge check” and answer the questions. When you pass, the lesson is completed.&lt;/li&gt;&lt;li&gt;Your progress is saved automatically. If you close the app partway, you can pick up where you left off.&lt;/li&gt;&lt;/ol&gt;&lt;h2&gt;Keyboard&lt;/h2&gt;&lt;ul&gt;&lt;li&gt;Ctrl + = / Ctrl + - / Ctrl + 0: larger / smaller / default text size&lt;/li&gt;&lt;li&gt;Ctrl + H: back to home&lt;/li&gt;&lt;li&gt;Ctrl + F: search the lessons (Enter opens, Esc closes)&lt;/li&gt;&lt;li&gt;Ctrl + R: today&apos;s review   Ctrl + L: my learning record&lt;/li&gt;&lt;li&gt;In the knowledge check, choose an answer with the number keys and press Enter to answer and move on.&lt;/li&gt;&lt;/ul&gt;</translation>
    </message>
    <message>
        <location line="-79"/>
        <source>この画面では学習の記録は保存されません。</source>
        <translation>Your progress is not saved on this screen.</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>「{0}」を修了しました。</source>
        <translation>You have completed “{0}”.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>このリンク先のファイルは開けません。研修担当者に連絡してください。</source>
        <translation>This linked file cannot be opened. Please contact your trainer.</translation>
    </message>
    <message>
        <location line="+13"/>
        <location filename="../../dxlearn/gui/menus.py" line="+67"/>
        <source>表示言語</source>
        <translation>Display language</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>表示言語は、アプリを再起動すると切り替わります。</source>
        <translation>The display language changes when you restart the app.</translation>
    </message>
    <message>
        <location line="+4"/>
        <location filename="../../dxlearn/gui/menus.py" line="+16"/>
        <source>バージョン情報</source>
        <translation>About</translation>
    </message>
    <message>
        <location line="+18"/>
        <location filename="../../dxlearn/gui/menus.py" line="-1"/>
        <source>使い方</source>
        <translation>How to use</translation>
    </message>
    <message>
        <location filename="../../dxlearn/gui/menus.py" line="-47"/>
        <source>ファイル(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>修了記録の書き出し...</source>
        <translation>Export completion records...</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>修了証...</source>
        <translation>Certificate...</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>教材パックの取り込み...</source>
        <translation>Import a lesson pack...</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>終了</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>表示(&amp;V)</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ホーム</source>
        <translation>Home</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>復習</source>
        <translation>Review</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>検索</source>
        <translation>Search</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>学習の記録</source>
        <translation>My learning record</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>文字を大きく</source>
        <translation>Larger text</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>文字を小さく</source>
        <translation>Smaller text</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>文字を標準の大きさに</source>
        <translation>Default text size</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>ハイコントラスト表示</source>
        <translation>High contrast</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>学習者(&amp;L)</source>
        <translation>&amp;Learner</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>学習者の切り替え...</source>
        <translation>Switch learner...</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>登録内容の変更...</source>
        <translation>Edit my details...</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ヘルプ(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
</context>
<context>
    <name>PackImport</name>
    <message>
        <location filename="../../dxlearn/gui/pack_import_dialog.py" line="+126"/>
        <location line="+64"/>
        <source>教材パックの取り込み</source>
        <translation>Import lesson pack</translation>
    </message>
    <message>
        <location line="-97"/>
        <source>「{0}」を確認して取り込んでいます…</source>
        <translation>Checking and importing “{0}”…</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>「{0}」（版 {1}）を取り込みました。
場所：{2}{3}</source>
        <translation>Imported “{0}” (version {1}).
Location: {2}{3}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>
以前の版は置き換えました。</source>
        <translation>
The previous version was replaced.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>取り込みを中止しました。教材は変更されていません。</source>
        <translation>Import canceled. The lessons have not been changed.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>「{0}」は取り込めませんでした。教材は変更されていません。
パックを作り直すか、もう一度コピーしてください。</source>
        <translation>Could not import “{0}”. The lessons have not been changed.
Please rebuild the pack or copy it again.</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>教材パックを選ぶ</source>
        <translation>Choose a lesson pack</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>教材パック (*.dxpack)</source>
        <translation>Lesson packs (*.dxpack)</translation>
    </message>
</context>
<context>
    <name>PreviewQuizSession</name>
    <message>
        <location filename="../../dxlearn/gui/preview.py" line="+90"/>
        <source>プレビューのため、この結果は記録されません。</source>
        <translation>This is a preview, so this result is not recorded.</translation>
    </message>
</context>
<context>
    <name>PreviewWindow</name>
    <message>
        <location line="+74"/>
        <source>レッスン一覧</source>
        <translation>Lesson list</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>教材チェックの結果</source>
        <translation>Content check results</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>教材チェックの行をクリックすると、ファイルと行がここに表示されます。</source>
        <translation>Click an entry in the content check to show its file and line here.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>レッスン</source>
        <translation>Lesson</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>読み込めませんでした：{0}（保存し直すと再読み込みします）</source>
        <translation>Could not load: {0} (it reloads when you save again)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>プレビュー - {0}</source>
        <translation>Preview - {0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>プレビュー：{0}（{1}）&#x3000;学習者と同じ表示です。学習の記録は保存されません。ファイルを保存すると自動で再読み込みします（最終読み込み {2}）。</source>
        <translation>Preview: {0} ({1}) — shown as learners see it. Progress is not saved. The preview reloads automatically when you save a file (last loaded {2}).</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>{0}（エラーあり）</source>
        <translation>{0} (has errors)</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>教材チェック：エラー {0} 件、警告 {1} 件</source>
        <translation>Content check: {0} error(s), {1} warning(s)</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+68"/>
        <source>エラー</source>
        <translation>Error</translation>
    </message>
    <message>
        <location line="-68"/>
        <location line="+68"/>
        <source>警告</source>
        <translation>Warning</translation>
    </message>
    <message>
        <location line="-67"/>
        <source>{0}&#x3000;{1} {2}行目：{3}</source>
        <translation>{0} — {1}, line {2}: {3}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>問題は見つかりませんでした。</source>
        <translation>No problems found.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>このレッスンにはエラーがあるため、学習者の画面では灰色で表示され、開けません。左下の教材チェックの内容を直してください。</source>
        <translation>This lesson has errors, so learners see it grayed out and cannot open it. Fix the entries in the content check at the bottom left.</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>{0}：ファイル {1} の {2} 行目 ― {3}</source>
        <translation>{0}: file {1}, line {2} — {3}</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>このリンク先は開けません。教材の中の文書（PDF など）だけを開けます。</source>
        <translation>This link cannot be opened. Only documents inside the library (PDF and so on) can be opened.</translation>
    </message>
</context>
<context>
    <name>ProfileDialog</name>
    <message>
        <location filename="../../dxlearn/gui/profile_dialog.py" line="+40"/>
        <source>学習者の登録</source>
        <translation>Learner registration</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>学習者情報の変更</source>
        <translation>Edit learner details</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>はじめに、あなたの情報を登録してください。
職員番号は人事課への修了報告に使われます。</source>
        <translation>First, please register your details.
Your staff ID is used to report your completed training to HR.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>登録内容を変更できます。</source>
        <translation>You can change your registered details.</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+37"/>
        <source>職員番号</source>
        <translation>Staff ID</translation>
    </message>
    <message>
        <location line="-36"/>
        <source>例: 012345</source>
        <translation>e.g. 012345</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+34"/>
        <source>氏名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="-33"/>
        <source>例: 山田 花子</source>
        <translation>e.g. Hanako Yamada</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+31"/>
        <source>所属</source>
        <translation>Department</translation>
    </message>
    <message>
        <location line="-30"/>
        <source>例: 市民課</source>
        <translation>e.g. Citizen Services Division</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+28"/>
        <source>役割</source>
        <translation>Role</translation>
    </message>
    <message>
        <location line="-27"/>
        <source>選択してください</source>
        <translation>Please select</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>職員番号か氏名の一部を入力すると、候補から選べます。</source>
        <translation>Type part of a staff ID or name to choose from suggestions.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>登録して始める</source>
        <translation>Register and start</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>保存する</source>
        <translation>Save</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>キャンセル</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>職員番号を入力してください。</source>
        <translation>Please enter your staff ID.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>職員番号に空白や記号を含めないでください。</source>
        <translation>The staff ID must not contain spaces or symbols.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>氏名を入力してください。</source>
        <translation>Please enter your name.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>所属を入力してください。</source>
        <translation>Please enter your department.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>役割を選んでください。</source>
        <translation>Please select your role.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>役割を一覧から選んでください。</source>
        <translation>Please select a role from the list.</translation>
    </message>
</context>
<context>
    <name>QuizPage</name>
    <message>
        <location filename="../../dxlearn/gui/quiz_page.py" line="+72"/>
        <source>理解度チェック</source>
        <translation>Knowledge check</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>問題文</source>
        <translation>Question</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+155"/>
        <source>解説</source>
        <translation>Explanation</translation>
    </message>
    <message>
        <location line="-150"/>
        <location line="+2"/>
        <source>回答する</source>
        <translation>Answer</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+111"/>
        <source>次の問題へ</source>
        <translation>Next question</translation>
    </message>
    <message>
        <location line="-106"/>
        <source>レッスンに戻る</source>
        <translation>Back to lesson</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>結果の詳細</source>
        <translation>Result details</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>もう一度挑戦する</source>
        <translation>Try again</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>レッスン一覧に戻る</source>
        <translation>Back to lesson list</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>理解度チェック：{0}</source>
        <translation>Knowledge check: {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>問 {0} / {1}</source>
        <translation>Question {0} of {1}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>当てはまるものをすべて選んでから「回答する」を押してください。</source>
        <translation>Select all that apply, then press “Answer”.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>正しいものを一つ選んでから「回答する」を押してください。</source>
        <translation>Select the one correct answer, then press “Answer”.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>結果を見る</source>
        <translation>See results</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>○ 正解です。</source>
        <translation>○ Correct.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>× 不正解です。正解は {0} です。</source>
        <translation>× Incorrect. The correct answer is {0}.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>理解度チェックの結果：{0}</source>
        <translation>Knowledge check results: {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} 点（{1}問中{2}問正解）</source>
        <translation>{0} points ({2} of {1} correct)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>合格です（合格点 {0} 点）。</source>
        <translation>Passed (pass mark: {0} points).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>このレッスンを修了しました。</source>
        <translation>You have completed this lesson.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>レッスン本文を最後まで読むと修了になります。</source>
        <translation>Read the lesson text to the end to complete it.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>不合格です（合格点 {0} 点）。</source>
        <translation>Not passed (pass mark: {0} points).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>解説を読み直して、もう一度挑戦してください。</source>
        <translation>Review the explanations and try again.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>間違えた問題</source>
        <translation>Questions answered incorrectly</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>正解：{0}</source>
        <translation>Correct answer: {0}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>全問正解です。</source>
        <translation>All answers correct.</translation>
    </message>
</context>
<context>
    <name>QuizSession</name>
    <message>
        <location filename="../../dxlearn/gui/quiz_session.py" line="+113"/>
        <source>受験回数: {0} / {1} 回</source>
        <translation>Attempts: {0} / {1}</translation>
    </message>
</context>
<context>
    <name>RecordPage</name>
    <message>
        <location filename="../../dxlearn/gui/record_page.py" line="-42"/>
        <source>1分未満</source>
        <translation>under 1 min</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{0}時間{1}分</source>
        <translation>{0} h {1} min</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0}分</source>
        <translation>{0} min</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{0}月{1}日</source>
        <translation>{0}/{1}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{0}年{1}月{2}日</source>
        <translation>{1}/{2}/{0}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{0} {1}件（累計 {2}件）</source>
        <translation>{0}: {1} (total {2})</translation>
    </message>
    <message>
        <location line="+130"/>
        <location line="+1"/>
        <source>学習の記録</source>
        <translation>My learning record</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+18"/>
        <source>週ごとの学習時間</source>
        <translation>Study time per week</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>週</source>
        <translation>Week</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>学習時間</source>
        <translation>Study time</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+29"/>
        <source>理解度チェックの結果</source>
        <translation>Knowledge check results</translation>
    </message>
    <message>
        <location line="-28"/>
        <source>レッスン</source>
        <translation>Lesson</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>受験回数</source>
        <translation>Attempts</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>最高点</source>
        <translation>Best score</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>結果</source>
        <translation>Result</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>各回の点数</source>
        <translation>Scores</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>復習の予定（今日から7日間）</source>
        <translation>Reviews in the next 7 days</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>復習の予定</source>
        <translation>Review forecast</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>日付</source>
        <translation>Date</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>復習する問題</source>
        <translation>Questions to review</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ホームに戻る</source>
        <translation>Back to home</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>必須レッスンの修了</source>
        <translation>Required lessons completed</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>必須レッスン {0}件のうち {1}件を修了しています。</source>
        <translation>You have completed {1} of {0} required lessons.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{0}〜{1}</source>
        <translation>{0} – {1}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>それより前</source>
        <translation>Earlier</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>日ごとの記録の開始</source>
        <translation>daily records began</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0}より前</source>
        <translation>Before {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>合計</source>
        <translation>Total</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>未受験</source>
        <translation>Not taken</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>合格</source>
        <translation>Passed</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>不合格</source>
        <translation>Not passed</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+2"/>
        <source>{0}点</source>
        <translation>{0} points</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>{0}回</source>
        <translation>{0}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>今日</source>
        <translation>Today</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0}問</source>
        <translation>{0}</translation>
    </message>
</context>
<context>
    <name>ResultsPage</name>
    <message>
        <location filename="../../dxlearn/gui/search_panel.py" line="+161"/>
        <source>検索結果</source>
        <translation>Search results</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>検索を閉じる</source>
        <translation>Close search</translation>
    </message>
</context>
<context>
    <name>ReviewFeature</name>
    <message>
        <location filename="../../dxlearn/gui/review_page.py" line="+37"/>
        <source>{0}月{1}日</source>
        <translation>{0}/{1}</translation>
    </message>
    <message>
        <location line="+83"/>
        <source>今日の復習 {0}問</source>
        <translation>Today&apos;s review: {0} questions</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>間違えた問題や合格した問題を、忘れかけたころにもう一度解きます。</source>
        <translation>Questions you missed or passed come back just before you would forget them.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>今日の復習はありません。次の復習は {0} です。</source>
        <translation>Nothing to review today. The next review is on {0}.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>理解度チェックを受けると、復習する問題がここに出ます。</source>
        <translation>After a knowledge check, its questions come back here for review.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>この画面では学習の記録は保存されません。</source>
        <translation>Your progress is not saved in this window.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>今日の復習はありません。</source>
        <translation>Nothing to review today.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>次にこの問題を復習するのは {0} です。</source>
        <translation>This question comes back on {0}.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>今日の復習は終わりです。{0}問中 {1}問に正解しました。おつかれさまでした。</source>
        <translation>Today&apos;s review is done: {1} of {0} answered correctly. Well done.</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <location line="-149"/>
        <source>復習</source>
        <translation>Review</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+1"/>
        <source>ホームに戻る</source>
        <translation>Back to home</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+14"/>
        <source>今日の復習</source>
        <translation>Today&apos;s review</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>問 {0} / {1}&#x3000;・&#x3000;レッスン：{2}</source>
        <translation>Question {0} of {1}  ·  Lesson: {2}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>終わる</source>
        <translation>Finish</translation>
    </message>
</context>
<context>
    <name>SearchBox</name>
    <message>
        <location filename="../../dxlearn/gui/search_panel.py" line="-78"/>
        <source>レッスンを検索（Ctrl+F）</source>
        <translation>Search the lessons (Ctrl+F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>レッスンの検索</source>
        <translation>Search the lessons</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>言葉を入力すると、レッスンの題名・本文・理解度チェックの問題と解説から探します。下矢印で結果へ移り、Enter で開きます。</source>
        <translation>Type words to search lesson titles, texts, and knowledge check questions and explanations. Press Down to go to the results and Enter to open one.</translation>
    </message>
</context>
<context>
    <name>SearchFeature</name>
    <message>
        <location line="+92"/>
        <source>題名</source>
        <translation>title</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>本文</source>
        <translation>text</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>理解度チェックの問題</source>
        <translation>knowledge check question</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>理解度チェックの解説</source>
        <translation>knowledge check explanation</translation>
    </message>
    <message>
        <location line="+101"/>
        <source>検索の準備ができませんでした。アプリを再起動してください。</source>
        <translation>Search could not be prepared. Please restart the app.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>「{0}」を検索しています</source>
        <translation>Searching for “{0}”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>検索の準備をしています。少しお待ちください。</source>
        <translation>Preparing the search. Please wait a moment.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>「{0}」は見つかりませんでした</source>
        <translation>“{0}” was not found</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>言葉を短くするか、別の言い方で探してください。ひらがなとカタカナ、全角と半角の違いは気にしなくて構いません。</source>
        <translation>Try a shorter word or another way of saying it. Hiragana or katakana, full or half width: either is fine.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>「{0}」の検索結果：{1}件</source>
        <translation>Results for “{0}”: {1}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>上位 {0}件を表示しています。</source>
        <translation>Showing the best {0}.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>（問{0}）</source>
        <translation> (question {0})</translation>
    </message>
    <message>
        <location line="+79"/>
        <source>見つかった言葉は、このレッスンの理解度チェック（問{0}）にあります。</source>
        <translation>The words you searched for are in this lesson&apos;s knowledge check (question {0}).</translation>
    </message>
</context>
<context>
    <name>TextDialog</name>
    <message>
        <location filename="../../dxlearn/gui/dialogs.py" line="+50"/>
        <source>閉じる</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <location filename="../../dxlearn/gui/app.py" line="-166"/>
        <source>予期しない問題が発生しました。これまでの学習記録は保存されています。
もう一度操作してみてください。続く場合はアプリを再起動してください。</source>
        <translation>An unexpected problem occurred. Your learning records so far have been saved.
Please try again. If the problem continues, restart the app.</translation>
    </message>
    <message>
        <location filename="../../dxlearn/gui/learners.py" line="+25"/>
        <source>学習者の登録</source>
        <translation>Learner registration</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>学習記録を書き込めないため、学習者を登録できません。先に開いたウィンドウを使うか、情報政策担当に連絡してください。</source>
        <translation>Learning records cannot be written here, so no learner can be registered. Please use the window opened first, or contact the IT office.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>学習者の切り替え</source>
        <translation>Switch learner</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>この画面では新しい学習者を登録できません。先に開いたウィンドウで登録してください。</source>
        <translation>New learners cannot be registered in this window. Please register in the window opened first.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>この画面では登録内容を変更できません。</source>
        <translation>Your details cannot be changed in this window.</translation>
    </message>
    <message>
        <location filename="../../dxlearn/gui/app.py" line="+18"/>
        <source>学習記録のファイルが壊れていたため、最新のバックアップ（{0}）から復元しました。壊れたファイルは削除せずに保管しています：{1}</source>
        <translation>The learning record file was damaged, so it was restored from the latest backup ({0}). The damaged file has been kept, not deleted: {1}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>学習記録のファイルが壊れていて、バックアップもなかったため、新しい記録を始めました。壊れたファイルは削除せずに保管しています：{0}</source>
        <translation>The learning record file was damaged and there was no backup, so a new record was started. The damaged file has been kept, not deleted: {0}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>組織の設定ファイル（policy.toml）に確認が必要な項目があります。該当する項目は標準の設定で動いていますので、このまま学習を続けられます。お手数ですが、次の内容を情報政策課（システム担当）にお知らせください。</source>
        <translation>Some items in your organization&apos;s settings file (policy.toml) need checking. Those items are using the default settings, so you can continue studying. Please send the following to the Information Policy Division (systems team).</translation>
    </message>
    <message>
        <location line="+142"/>
        <source>学習記録の復元</source>
        <translation>Learning records restored</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>dxlearn はこのパソコンで既に起動しています。このウィンドウでは学習の記録は保存されません。先に開いたウィンドウで学習してください。</source>
        <translation>dxlearn is already running on this computer. Progress is not saved in this window. Please study in the window you opened first.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>（閲覧のみで起動しています）</source>
        <translation> (running in read-only mode)</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>教材フォルダーを読み込めませんでした：{0}
フォルダーの場所を確認してください。</source>
        <translation>Could not load the lesson folder: {0}
Please check the folder location.</translation>
    </message>
</context>
<context>
    <name>dialogs</name>
    <message>
        <location filename="../../dxlearn/gui/dialogs.py" line="-42"/>
        <source>お知らせ</source>
        <translation>Notice</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>困ったときは、情報政策担当にこの記録ファイルの場所を伝えてください：
{0}</source>
        <translation>If you need help, tell the information policy staff where this log file is:
{0}</translation>
    </message>
</context>
<context>
    <name>operations</name>
    <message>
        <location filename="../../dxlearn/gui/operations/errors.py" line="+23"/>
        <source>予期しない問題が発生しました。これまでの学習記録は保存されています。
もう一度操作してみてください。続く場合はアプリを再起動してください。</source>
        <translation>An unexpected problem occurred. Your learning records so far have been saved.
Please try again. If the problem continues, restart the app.</translation>
    </message>
    <message>
        <location filename="../../dxlearn/gui/operations/runner.py" line="+150"/>
        <source>この画面では学習の記録は保存されません。</source>
        <translation>Your progress is not saved on this screen.</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>処理しています…</source>
        <translation>Working…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>中止</source>
        <translation>Cancel</translation>
    </message>
</context>
</TS>
