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
    <name>CurriculumPane</name>
    <message>
        <location filename="../../dxlearn/gui/window_parts.py" line="+62"/>
        <source>学習する教材</source>
        <translation>Library to study</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>選んでいるレッスン</source>
        <translation>Selected lesson</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>すべてのレッスンを表示</source>
        <translation>Show all lessons</translation>
    </message>
</context>
<context>
    <name>CurriculumTree</name>
    <message>
        <location filename="../../dxlearn/gui/curriculum_tree.py" line="+78"/>
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
        <location line="+80"/>
        <source>{0}、必須 {1} 件中 {2} 件修了</source>
        <translation>{0}: {2} of {1} required lessons completed</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+30"/>
        <source>任意</source>
        <translation>Optional</translation>
    </message>
    <message>
        <location line="-29"/>
        <source>{0}、必須のレッスンはありません</source>
        <translation>{0}: no required lessons</translation>
    </message>
    <message>
        <location line="+22"/>
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
        <location line="+4"/>
        <source>必須</source>
        <translation>Required</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>（任意）</source>
        <translation> (optional)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>（対象外）</source>
        <translation> (not for your role)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>対象外</source>
        <translation>Not for your role</translation>
    </message>
    <message>
        <location line="+2"/>
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
        <location line="+8"/>
        <source>次に学習するレッスン</source>
        <translation>Next lesson to study</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>▶ </source>
        <translation>▶ </translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../dxlearn/gui/export_dialog.py" line="+71"/>
        <source>修了記録の書き出し</source>
        <translation>Export completion records</translation>
    </message>
    <message>
        <location line="+34"/>
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
        <location line="+26"/>
        <source>内容：</source>
        <translation>Content:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>形式：</source>
        <translation>Format:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>対象：</source>
        <translation>Learners:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>保存先フォルダー：</source>
        <translation>Save to folder:</translation>
    </message>
    <message>
        <location line="+2"/>
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
        <location line="-12"/>
        <location line="+77"/>
        <source>保存先フォルダー</source>
        <translation>Destination folder</translation>
    </message>
    <message>
        <location line="-145"/>
        <source>人事担当に提出する修了記録のファイルを作ります。同じフォルダーに、内容が書き換えられていないことを人事担当が確かめるための確認用ファイルも作られます。両方を提出してください。</source>
        <translation>Creates the completion record file for HR. A check file is created in the same folder so that HR can confirm the content was not changed. Hand in both.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>人事担当の一覧表用（一人一行の集計）</source>
        <translation>For HR&apos;s list (one line per learner)</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>人事システム取り込み用（詳細）</source>
        <translation>For the HR system import (detailed)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>設問分析用（理解度チェックの回答一問ごと）</source>
        <translation>For item analysis (one row per answered quiz question)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>CSV（Excel や人事システムで開けます）</source>
        <translation>CSV (opens in Excel and HR systems)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Excel ブック</source>
        <translation>Excel workbook</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>学習記録システム用</source>
        <translation>For a learning record system</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>標準</source>
        <translation>Standard</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>古いシステム向け</source>
        <translation>For older systems</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>英語の列名（人事システム向け）</source>
        <translation>English column names (for HR systems)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>日本語の列名（人が読む表向け）</source>
        <translation>Japanese column names (for people reading the table)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>保存先フォルダーを選ぶ</source>
        <translation>Choose the folder</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>使わない（上の内容・形式で書き出す）</source>
        <translation>None (write with the content and format above)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>選んだ内容の説明</source>
        <translation>About your choices</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>内容</source>
        <translation>Content</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>形式</source>
        <translation>Format</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>文字の種類：</source>
        <translation>Characters:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>文字の種類</source>
        <translation>Characters</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>列名：</source>
        <translation>Column names:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>列名</source>
        <translation>Column names</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>対象</source>
        <translation>Learners</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>取込プロファイル</source>
        <translation>Import profile</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>取込プロファイル：</source>
        <translation>Import profile:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>ファイル名</source>
        <translation>File name</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>人事システムの取込形式（取込プロファイル）で書き出します。列・文字の種類・日付の書き方はプロファイルのとおりです。</source>
        <translation>Writes the file in the HR system&apos;s import layout (import profile): columns, characters and date format as the profile says.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>一人一行で、必須レッスンを修了したかどうかをまとめます。</source>
        <translation>One line per learner: whether the required lessons are completed.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>理解度チェックの回答一問ごとに一行です。研修担当者が設問の出来を調べるとき（dxlearn hr items）に使います。</source>
        <translation>One row per answered quiz question. Trainers use it to see how each question works (dxlearn hr items).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>レッスンごとに一行です。人事システムに取り込むときに選びます。</source>
        <translation>One line per lesson. Choose this for the HR system import.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CSV は表の形のテキストファイルです。</source>
        <translation>CSV is a text file in table form.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Excel でそのまま開ける表です。</source>
        <translation>A table that opens in Excel as it is.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>学習記録システム（LRS）に取り込む xAPI 形式のファイルです。通常は選びません。</source>
        <translation>An xAPI file for a learning record store (LRS). Not usually needed.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>文字化けする場合は「古いシステム向け」（Shift_JIS）を選んでください。</source>
        <translation>If the characters come out garbled, choose &quot;For older systems&quot; (Shift_JIS).</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>保存先フォルダーが見つかりません：{0}
フォルダーを選び直してください。</source>
        <translation>Destination folder not found: {0}
Please choose the folder again.</translation>
    </message>
    <message>
        <location line="+4"/>
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
        <source>修了記録を書き出しました（{0} 件）。

{1}
確認用ファイル：{2}</source>
        <translation>The completion record was written ({0} records).

{1}
Check file: {2}</translation>
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
        <location filename="../../dxlearn/gui/dialogs.py" line="+35"/>
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
    <name>Header</name>
    <message>
        <location filename="../../dxlearn/gui/window_parts.py" line="-35"/>
        <source>必須レッスンの修了状況</source>
        <translation>Progress in required lessons</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>{0} さん（{1}・{2}）</source>
        <translation>{0} ({1}, {2})</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>必須レッスン {0} / {1} 修了</source>
        <translation>Required lessons: {0} / {1} completed</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <location filename="../../dxlearn/gui/home_page.py" line="+31"/>
        <location line="+73"/>
        <source>次のレッスンを学習する</source>
        <translation>Start the next lesson</translation>
    </message>
    <message>
        <location line="-69"/>
        <source>修了証を発行する</source>
        <translation>Issue the certificate</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>左の一覧からレッスンを選ぶこともできます。
レッスンを最後まで読み、理解度チェックに合格すると、そのレッスンは修了です。
学習の記録は自動で保存されます。途中でやめても、続きから再開できます。</source>
        <translation>You can also choose a lesson from the list on the left.
Read a lesson to the end and pass its knowledge check to complete it.
Your progress is saved automatically. If you stop partway, you can pick up where you left off.</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>{0} さん、ようこそ</source>
        <translation>Welcome, {0}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{0}の必須レッスン {1} 件をすべて修了しました。おつかれさまでした。「修了証を発行する」で修了証（PDF）を保存できます。</source>
        <translation>You have completed all {1} required lessons for {0}. Well done! Use &quot;Issue the certificate&quot; to save your certificate (PDF).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{0}の必須レッスン {1} 件のうち {2} 件を修了しています（残り {3} 件）。</source>
        <translation>You have completed {2} of {1} required lessons for {0} ({3} remaining).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>（目安 {0}分）</source>
        <translation> (about {0} min)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>次に学習するレッスン：{0}{1}</source>
        <translation>Next lesson: {0}{1}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>任意のレッスンを学習する</source>
        <translation>Study an optional lesson</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>学習するレッスンはもうありません。</source>
        <translation>There are no more lessons to study.</translation>
    </message>
</context>
<context>
    <name>LessonPage</name>
    <message>
        <location filename="../../dxlearn/gui/lesson_page.py" line="+88"/>
        <source>レッスン本文</source>
        <translation>Lesson text</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+140"/>
        <source>読了にする</source>
        <translation>Mark as read</translation>
    </message>
    <message>
        <location line="-158"/>
        <source>見出しへ移動</source>
        <translation>Go to heading</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>リンク一覧</source>
        <translation>Links</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>見出しへの移動とリンクの一覧は、本文の上のボタンから選べます。</source>
        <translation>Use the buttons above the text to go to a heading or to list the links.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>読了にする（Ctrl+D）</source>
        <translation>Mark as read (Ctrl+D)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>理解度チェックを始める</source>
        <translation>Start knowledge check</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>理解度チェックを始める（Ctrl+T）</source>
        <translation>Start knowledge check (Ctrl+T)</translation>
    </message>
    <message>
        <location line="+113"/>
        <source>必須</source>
        <translation>Required</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>任意</source>
        <translation>Optional</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>対象外（あなたの役割では修了の対象ではありません）</source>
        <translation>Not for your role (it does not count towards your completion)</translation>
    </message>
    <message>
        <location line="+3"/>
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
        <location line="+13"/>
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
        <location line="+4"/>
        <source>理解度チェック：全 {0} 問、{1} 点以上で合格</source>
        <translation>Knowledge check: {0} questions, pass mark {1} points</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>受験できる回数は残り {0} 回（全 {1} 回）</source>
        <translation>{0} of {1} attempts left</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>受験回数の制限はありません</source>
        <translation>No limit on attempts</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>これまで {0} 回受験、最高 {1} 点</source>
        <translation>{0} attempt(s) so far, best score {1} points</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>このレッスンの目標</source>
        <translation>Goals of this lesson</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>図：</source>
        <translation>Figure: </translation>
    </message>
    <message>
        <location line="+18"/>
        <source>{0}（{1}）</source>
        <translation>{0} ({1})</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>外部のページ</source>
        <translation>External page</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>このページの中</source>
        <translation>on this page</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>教材</source>
        <translation>course material</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>見出し：{0}</source>
        <translation>Heading: {0}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../dxlearn/gui/main_window.py" line="+85"/>
        <source>学習の記録は自動で保存されます。</source>
        <translation>Your progress is saved automatically.</translation>
    </message>
    <message>
        <location line="+207"/>
        <source>レッスン一覧の幅：{0}%</source>
        <translation>Lesson list width: {0}%</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>文字の大きさ：{0}%</source>
        <translation>Text size: {0}%</translation>
    </message>
    <message>
        <location line="+85"/>
        <source>この画面では学習の記録は保存されません。</source>
        <translation>Your progress is not saved on this screen.</translation>
    </message>
    <message>
        <location filename="../../dxlearn/gui/lesson_reports.py" line="+46"/>
        <source>「{0}」を修了しました。</source>
        <translation>You have completed “{0}”.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>「{0}」を読了にしました。次は理解度チェックです。</source>
        <translation>&quot;{0}&quot; is marked as read. The knowledge check comes next.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>このリンク先のファイルは開けません。研修担当者に連絡してください。</source>
        <translation>This linked file cannot be opened. Please contact your trainer.</translation>
    </message>
    <message>
        <location filename="../../dxlearn/gui/menus.py" line="+76"/>
        <location filename="../../dxlearn/gui/window_menu.py" line="+87"/>
        <source>表示言語</source>
        <translation>Display language</translation>
    </message>
    <message>
        <location filename="../../dxlearn/gui/window_menu.py" line="+1"/>
        <source>表示言語は、アプリを再起動すると切り替わります。</source>
        <translation>The display language changes when you restart the app.</translation>
    </message>
    <message>
        <location filename="../../dxlearn/gui/menus.py" line="+16"/>
        <source>バージョン情報</source>
        <translation>About</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>使い方</source>
        <translation>How to use</translation>
    </message>
    <message>
        <location line="-55"/>
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
        <source>レッスン(&amp;S)</source>
        <translation>&amp;Study</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>読了にする</source>
        <translation>Mark as read</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>理解度チェックを始める</source>
        <translation>Start knowledge check</translation>
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
        <location line="+5"/>
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
        <location line="+3"/>
        <source>レッスン一覧を広く</source>
        <translation>Widen the lesson list</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>レッスン一覧を狭く</source>
        <translation>Narrow the lesson list</translation>
    </message>
    <message>
        <location line="+3"/>
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
        <location line="+24"/>
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
        <location line="+37"/>
        <source>このリンク先は開けません。教材の中の文書（PDF など）だけを開けます。</source>
        <translation>This link cannot be opened. Only documents inside the library (PDF and so on) can be opened.</translation>
    </message>
</context>
<context>
    <name>ProfileDialog</name>
    <message>
        <location filename="../../dxlearn/gui/profile_dialog.py" line="+150"/>
        <source>学習者の登録</source>
        <translation>Learner registration</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>学習者情報の変更</source>
        <translation>Edit learner details</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>はじめに、あなたの情報を登録してください。
職員番号は人事課への修了報告に使われます。</source>
        <translation>First, please register your details.
Your staff ID is used to report your completed training to HR.</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>登録内容を変更できます。</source>
        <translation>You can change your registered details.</translation>
    </message>
    <message>
        <location line="-71"/>
        <location line="+30"/>
        <source>職員番号</source>
        <translation>Staff ID</translation>
    </message>
    <message>
        <location line="-29"/>
        <source>例: 012345</source>
        <translation>e.g. 012345</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+27"/>
        <source>氏名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="-26"/>
        <source>例: 山田 花子</source>
        <translation>e.g. Hanako Yamada</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+24"/>
        <source>所属</source>
        <translation>Department</translation>
    </message>
    <message>
        <location line="-23"/>
        <source>例: 市民課</source>
        <translation>e.g. Citizen Services Division</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+21"/>
        <source>役割</source>
        <translation>Role</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>選択してください</source>
        <translation>Please select</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>登録して始める</source>
        <translation>Register and start</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>保存する</source>
        <translation>Save</translation>
    </message>
    <message>
        <location line="-55"/>
        <source>入力の確認</source>
        <translation>Please check</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>キャンセル</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>学習者の切り替え</source>
        <translation>Switch learner</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>このパソコンで学習する人を切り替えます。
登録済みの人は、職員番号を入力して候補から選んでください。初めての人は、すべての項目を入力すると登録されます。</source>
        <translation>Change who is learning on this PC.
If you are registered, type your staff ID and pick yourself from the list. If you are new, fill in every field to register.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>切り替える</source>
        <translation>Switch</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>職員番号か氏名の一部を入力すると、職員名簿の候補から選べます。</source>
        <translation>Type part of your staff ID or name to pick yourself from the staff list.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>登録済みの人は、職員番号の始めの数文字を入力すると候補から選べます。</source>
        <translation>If you are registered, type the first few characters of your staff ID to pick yourself from the list.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>職員番号の候補</source>
        <translation>Staff ID suggestions</translation>
    </message>
    <message>
        <location line="+58"/>
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
        <location filename="../../dxlearn/gui/quiz_page.py" line="+75"/>
        <source>理解度チェック</source>
        <translation>Knowledge check</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>問題文</source>
        <translation>Question</translation>
    </message>
    <message>
        <location line="+19"/>
        <location line="+156"/>
        <source>解説</source>
        <translation>Explanation</translation>
    </message>
    <message>
        <location line="-152"/>
        <location line="+1"/>
        <source>回答する</source>
        <translation>Answer</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+83"/>
        <source>次の問題へ</source>
        <translation>Next question</translation>
    </message>
    <message>
        <location line="-80"/>
        <source>レッスンに戻る</source>
        <translation>Back to lesson</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>レッスンに戻る（Esc）。答えた問題は保存されています。</source>
        <translation>Back to the lesson (Esc). Your answers so far are saved.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>理解度チェック：{0}</source>
        <translation>Knowledge check: {0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>（{0} 回目）</source>
        <translation> (attempt {0})</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>問 {0} / {1}</source>
        <translation>Question {0} of {1}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>前回の続きから再開しています。答えた {0} 問は保存されています。問 {1} から続けてください。</source>
        <translation>Resuming where you left off. Your {0} answer(s) are saved. Continue with question {1}.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>当てはまるものをすべて選んでから「回答する」を押してください。</source>
        <translation>Select all that apply, then press “Answer”.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>正しいものを一つ選んでから「回答する」を押してください。</source>
        <translation>Select the one correct answer, then press “Answer”.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>問 {0}：{1}</source>
        <translation>Question {0}: {1}</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>結果を見る</source>
        <translation>See results</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>✓ 正解</source>
        <translation>✓ Correct answer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>✗ あなたの回答（不正解）</source>
        <translation>✗ Your answer (wrong)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>正解の選択肢</source>
        <translation>The correct choice</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>あなたの回答。不正解です</source>
        <translation>Your answer. It is wrong</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>○ 正解です。</source>
        <translation>○ Correct.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>× 不正解です。正解は{0}です。</source>
        <translation>× Wrong. The correct answer: {0}.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>解説：{0}</source>
        <translation>Explanation: {0}</translation>
    </message>
</context>
<context>
    <name>QuizSession</name>
    <message>
        <location filename="../../dxlearn/gui/quiz_session.py" line="+117"/>
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
    <name>ResultPanel</name>
    <message>
        <location filename="../../dxlearn/gui/quiz_result.py" line="+75"/>
        <source>問題ごとの結果</source>
        <translation>Results by question</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>問題ごとに、あなたの回答と正解、解説を示します。矢印キーで読み進められます。</source>
        <translation>Each question with your answer, the correct answer and the explanation. Read on with the arrow keys.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>次のレッスンへ</source>
        <translation>Next lesson</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>もう一度挑戦する</source>
        <translation>Try again</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>レッスン本文に戻る</source>
        <translation>Back to the lesson text</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ホームに戻る</source>
        <translation>Back to home</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>理解度チェックの結果：{0}</source>
        <translation>Knowledge check results: {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} 点（{1}問中{2}問正解）</source>
        <translation>{0} points ({2} of {1} correct)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{0} 回目&#x3000;{1}</source>
        <translation>Attempt {0}: {1}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{0} 回目：{1} 点（{2}）</source>
        <translation>Attempt {0}: {1} points ({2})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>合格</source>
        <translation>passed</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>不合格</source>
        <translation>not passed</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>これまでの結果</source>
        <translation>Your results so far</translation>
    </message>
    <message>
        <location line="+34"/>
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
        <location line="+2"/>
        <source>必須レッスンをすべて修了しました。ホームで修了証を発行できます。</source>
        <translation>You have completed every required lesson. You can issue your certificate on the home page.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>次のレッスンは「{0}」です。</source>
        <translation>The next lesson is &quot;{0}&quot;.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>不合格です（合格点 {0} 点）。</source>
        <translation>Not passed (pass mark: {0} points).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>解説を読み直して、もう一度挑戦してください。</source>
        <translation>Review the explanations and try again.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>受験できる回数の上限に達しました。研修担当者に相談してください。</source>
        <translation>You have used all your attempts. Please talk to your training officer.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>○ 正解</source>
        <translation>○ Correct</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>× 不正解</source>
        <translation>× Wrong</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>あなたの回答：</source>
        <translation>Your answer:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>（未回答）</source>
        <translation>(not answered)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>正解：</source>
        <translation>Correct answer:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>解説</source>
        <translation>Explanation</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>問 {0}</source>
        <translation>Question {0}</translation>
    </message>
</context>
<context>
    <name>ResultsPage</name>
    <message>
        <location filename="../../dxlearn/gui/search_results.py" line="+81"/>
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
        <location filename="../../dxlearn/gui/review_feature.py" line="+36"/>
        <source>{0}月{1}日</source>
        <translation>{0}/{1}</translation>
    </message>
    <message>
        <location line="+50"/>
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
        <location line="+30"/>
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
        <location filename="../../dxlearn/gui/review_page.py" line="+23"/>
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
        <location filename="../../dxlearn/gui/search_panel.py" line="+58"/>
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
        <location line="+18"/>
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
        <location line="+115"/>
        <source>検索の準備ができませんでした。アプリを再起動してください。</source>
        <translation>Search could not be prepared. Please restart the app.</translation>
    </message>
    <message>
        <location line="+44"/>
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
        <location line="+81"/>
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
        <location filename="../../dxlearn/gui/app.py" line="+93"/>
        <source>予期しない問題が発生しました。これまでの学習記録は保存されています。
もう一度操作してみてください。続く場合はアプリを再起動してください。</source>
        <translation>An unexpected problem occurred. Your learning records so far have been saved.
Please try again. If the problem continues, restart the app.</translation>
    </message>
    <message>
        <location filename="../../dxlearn/gui/learners.py" line="+26"/>
        <source>学習者の登録</source>
        <translation>Learner registration</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>学習記録を書き込めないため、学習者を登録できません。先に開いたウィンドウを使うか、情報政策担当に連絡してください。</source>
        <translation>Learning records cannot be written here, so no learner can be registered. Please use the window opened first, or contact the IT office.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>学習者の切り替え</source>
        <translation>Switch learner</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>この画面では新しい学習者を登録できません。先に開いたウィンドウで登録してください。</source>
        <translation>New learners cannot be registered in this window. Please register in the window opened first.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>この画面では登録内容を変更できません。</source>
        <translation>Your details cannot be changed in this window.</translation>
    </message>
    <message>
        <location filename="../../dxlearn/gui/app.py" line="+20"/>
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
        <location line="+146"/>
        <source>学習記録の復元</source>
        <translation>Learning records restored</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>dxlearn はこのパソコンで既に起動しています。このウィンドウでは学習の記録は保存されません。先に開いたウィンドウで学習してください。</source>
        <translation>dxlearn is already running on this computer. Progress is not saved in this window. Please study in the window you opened first.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>（閲覧のみで起動しています）</source>
        <translation> (running in read-only mode)</translation>
    </message>
    <message>
        <location line="+40"/>
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
    <message>
        <location line="+49"/>
        <source>&lt;h2&gt;使い方&lt;/h2&gt;&lt;ol&gt;&lt;li&gt;左の一覧、またはホームの「次のレッスンを学習する」からレッスンを開きます。&lt;/li&gt;&lt;li&gt;本文を最後までスクロールすると「読了」になります。「読了にする」ボタンでも構いません。&lt;/li&gt;&lt;li&gt;「理解度チェックを始める」を押し、問題に答えます。合格するとレッスンは修了です。&lt;/li&gt;&lt;li&gt;記録は自動で保存されます。途中で閉じても、続きから再開できます。&lt;/li&gt;&lt;/ol&gt;</source>
        <translation>&lt;h2&gt;How to use&lt;/h2&gt;&lt;ol&gt;&lt;li&gt;Open a lesson from the list on the left, or with &quot;Start the next lesson&quot; on the home page.&lt;/li&gt;&lt;li&gt;Scroll the text to the end and the lesson is &quot;read&quot;. The &quot;Mark as read&quot; button does the same.&lt;/li&gt;&lt;li&gt;Press &quot;Start knowledge check&quot; and answer the questions. When you pass, the lesson is completed.&lt;/li&gt;&lt;li&gt;Your record is saved automatically. If you close the app, you can continue later.&lt;/li&gt;&lt;/ol&gt;</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&lt;h2&gt;キー操作&lt;/h2&gt;&lt;ul&gt;&lt;li&gt;Ctrl + ;（または Ctrl + +、Ctrl + =）：文字を大きく（標準の 200% まで）&lt;/li&gt;&lt;li&gt;Ctrl + -：文字を小さく&#x3000;Ctrl + 0：標準の大きさ&lt;/li&gt;&lt;li&gt;Ctrl + H：ホームに戻る&lt;/li&gt;&lt;li&gt;Ctrl + F：レッスンを検索（Enter で開く、Esc で閉じる）&lt;/li&gt;&lt;li&gt;Ctrl + R：今日の復習&#x3000;Ctrl + L：学習の記録&lt;/li&gt;&lt;li&gt;Ctrl + D：読了にする&#x3000;Ctrl + T：理解度チェックを始める&lt;/li&gt;&lt;li&gt;本文では Page Up／Page Down でスクロール、Ctrl + Home／Ctrl + End で先頭／末尾へ移動します。&lt;/li&gt;&lt;li&gt;Ctrl + ]／Ctrl + [：レッスン一覧を広く／狭く&lt;/li&gt;&lt;li&gt;Tab：次の項目へ&#x3000;Enter・Space：ボタンを押す&lt;/li&gt;&lt;li&gt;理解度チェックでは、数字キーで選択肢を選び、Enter で回答・次へ進みます。Esc で中断できます（答えた問題は保存されます）。&lt;/li&gt;&lt;li&gt;Alt キーでメニューを開けます。&lt;/li&gt;&lt;/ul&gt;</source>
        <translation>&lt;h2&gt;Keys&lt;/h2&gt;&lt;ul&gt;&lt;li&gt;Ctrl + + (or Ctrl + =, Ctrl + ;): larger text (up to 200 %)&lt;/li&gt;&lt;li&gt;Ctrl + -: smaller text   Ctrl + 0: standard size&lt;/li&gt;&lt;li&gt;Ctrl + H: back to home&lt;/li&gt;&lt;li&gt;Ctrl + F: search the lessons (Enter opens, Esc closes)&lt;/li&gt;&lt;li&gt;Ctrl + R: today&apos;s review   Ctrl + L: my learning record&lt;/li&gt;&lt;li&gt;Ctrl + D: mark as read   Ctrl + T: start the knowledge check&lt;/li&gt;&lt;li&gt;In the lesson text, Page Up / Page Down scroll and Ctrl + Home / Ctrl + End go to the start / end.&lt;/li&gt;&lt;li&gt;Ctrl + ] / Ctrl + [: widen / narrow the lesson list&lt;/li&gt;&lt;li&gt;Tab: next control   Enter, Space: press the button&lt;/li&gt;&lt;li&gt;In the knowledge check, number keys pick a choice and Enter answers and goes on. Esc leaves (your answers are saved).&lt;/li&gt;&lt;li&gt;Alt opens the menus.&lt;/li&gt;&lt;/ul&gt;</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>使い方</source>
        <translation>How to use</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>このレッスンは教材ファイルに問題があるため、現在は学習できません。</source>
        <translation>This lesson cannot be studied at the moment because there is a problem with its course file.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>研修担当者に次の内容を伝えてください。</source>
        <translation>Please pass the following on to your training coordinator.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>理解度チェック</source>
        <translation>Knowledge check</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>受験できる回数の上限に達しています。研修担当者に相談してください。</source>
        <translation>You have reached the maximum number of attempts. Please contact your training coordinator.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>理解度チェックの中断</source>
        <translation>Leave the knowledge check</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>理解度チェックを中断してレッスンに戻りますか？
答えた問題は保存されています。あとで「理解度チェックを始める」を押すと、続きから再開できます。</source>
        <translation>Leave the knowledge check and go back to the lesson?
Your answers so far are saved. Press &quot;Start knowledge check&quot; later to continue where you left off.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>中断する</source>
        <translation>Leave</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>続ける</source>
        <translation>Continue</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>バージョン情報</source>
        <translation>About</translation>
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
